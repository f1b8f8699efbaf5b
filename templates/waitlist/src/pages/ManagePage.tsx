import { useUser } from "@sandlot/sdk";
import { AuthScreen, Empty, ErrorNote, Loading } from "@sandlot/kit";
import { lineOrder } from "../lib/line";
import { useLine } from "../lib/useLine";

/**
 * The creator's view of the list (locked). The server shows names and owners only to the creator
 * (`visibility`); emails are in the studio's export (users.csv), not in entries.
 */
export function ManagePage() {
  const { user, isCreator, loading } = useUser();
  const line = useLine();
  if (loading) return <Loading />;
  if (!user)
    return (
      <div className="container narrow">
        <AuthScreen mode="signin" next="/manage" intro="Sign in with your Sandlot account's email to see the list." />
      </div>
    );
  if (!isCreator)
    return (
      <div className="container narrow">
        <ErrorNote
          error={{ message: "Only the creator of this app sees the list. Sign in with your Sandlot email." }}
        />
      </div>
    );
  const ordered = lineOrder(line.entries);
  return (
    <div className="container stack">
      <div className="spread">
        <h1>Your waitlist</h1>
        <span className="badge">{line.loading ? "Counting…" : `${ordered.length} waiting`}</span>
      </div>
      <p className="muted">
        To download everyone's email: in the studio open <strong>Settings → Export</strong> and press{" "}
        <strong>Export app and data</strong>. The zip holds <code>data/entries.csv</code> (every place, its owner id,
        name and referrer) and <code>users.csv</code> (each owner id with its email and whether it is confirmed).
      </p>
      <ErrorNote error={line.error} />
      {line.loading && ordered.length === 0 ? (
        <Loading />
      ) : ordered.length === 0 ? (
        <Empty>Nobody has joined yet. Share your launch page to get the first sign-ups.</Empty>
      ) : (
        <table className="line-table">
          <caption className="visually-hidden">People on the waitlist, first place first</caption>
          <thead>
            <tr>
              <th scope="col">Place</th>
              <th scope="col">Name</th>
              <th scope="col">Joined</th>
              <th scope="col">Referrals</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((e, i) => (
              <tr key={e.id}>
                <td>{i + 1}</td>
                <td>{e.name ?? <span className="muted">—</span>}</td>
                <td>{new Date(e.createdAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}</td>
                <td>{e.referrals}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
