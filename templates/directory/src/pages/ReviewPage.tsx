import { type ReactNode, useState } from "react";
import { useCollection, useUser } from "@sandlot/sdk";
import { AuthScreen, Empty, ErrorNote, Link, Loading } from "@sandlot/kit";
import { categoryLabel, type Listing, type Status } from "../lib/listings";
import { Moderation } from "../components/Moderation";

const TABS: ReadonlyArray<{ status: Status; label: string; empty: string }> = [
  { status: "pending", label: "Waiting", empty: "Nothing is waiting for approval." },
  { status: "approved", label: "Approved", empty: "No approved listings yet." },
  { status: "rejected", label: "Not approved", empty: "No rejected listings." },
];

/**
 * The creator's review queue (locked). Only the creator may list everyone's listings and change
 * `status`; for anyone else the server answers with their own listings only and refuses the
 * change, so this page only says it is the creator's.
 */
export function ReviewPage(): ReactNode {
  const { user, isCreator, loading } = useUser();
  const [tab, setTab] = useState<Status>("pending");
  const list = useCollection("listings", { where: { status: tab }, sort: "-createdAt", limit: 50 });
  const items = list.items as unknown as Listing[];
  if (loading)
    return (
      <div className="container narrow">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next="/review" intro="Sign in with your creator account to review listings." />
      </div>
    );
  if (!isCreator)
    return (
      <div className="container narrow stack">
        <h1>Review listings</h1>
        <p>
          This page is for the directory's creator. Sign in with the email of your Sandlot account, and confirm it, to
          review listings. <Link to="/">Back to the directory</Link>
        </p>
      </div>
    );
  const current = TABS.find((t) => t.status === tab) ?? TABS[0]!;
  return (
    <div className="container stack">
      <h1>Review listings</h1>
      <p className="muted">
        Approved listings are public; the rest are seen only by you and the person who added them.
      </p>
      <fieldset className="chips">
        <legend className="visually-hidden">Show</legend>
        {TABS.map((t) => (
          <button
            key={t.status}
            type="button"
            className="chip"
            aria-pressed={tab === t.status}
            onClick={() => setTab(t.status)}
          >
            {t.label}
          </button>
        ))}
      </fieldset>
      <ErrorNote error={list.error} />
      {list.loading && items.length === 0 ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>{current.empty}</Empty>
      ) : (
        <ul className="plain-list" aria-label={`${current.label} listings`}>
          {items.map((l) => (
            <li key={l.id} className="card review-item">
              <div className="stack">
                <div>
                  <Link to={`/l/${l.id}`}>
                    <strong>{l.title}</strong>
                  </Link>
                  {l.featured && <span className="badge featured-badge">Featured</span>}
                  <div className="muted small">
                    {categoryLabel(l.category)}
                    {l.area ? ` · ${l.area}` : ""}
                    {l.website ? ` · ${l.website}` : ""}
                  </div>
                </div>
                {l.description && <p className="small">{l.description}</p>}
              </div>
              <Moderation listing={l} setStatus={(id, status) => list.update(id, { status })} />
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && (
        <p className="center">
          <button type="button" className="button" onClick={() => void list.loadMore()}>
            More
          </button>
        </p>
      )}
    </div>
  );
}
