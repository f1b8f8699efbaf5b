import { useState } from "react";
import { checkout, manageBilling, signOut, useEntitlements, useUser, type SandlotError } from "@sandlot/sdk";
import { AuthScreen } from "../components/AuthScreen";
import { ErrorNote, Loading } from "../components/Status";
import { navigate } from "../lib/router";
import Pricing from "../blanks/Pricing";

/**
 * Account (locked): who you are, your membership, billing. Membership starts when the server has
 * the payment provider's verified webhook, so after checkout this page offers a refresh.
 */
export function AccountPage() {
  const { user, loading } = useUser();
  const ent = useEntitlements();
  const [error, setError] = useState<SandlotError | null>(null);
  const [busy, setBusy] = useState(false);
  if (loading) return <div className="container narrow"><Loading /></div>;
  if (!user) return <div className="container"><AuthScreen mode="signin" next="/account" /></div>;

  const run = async (fn: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e as SandlotError);
    } finally {
      setBusy(false);
    }
  };
  const member = ent.has("member");
  return (
    <div className="container narrow stack">
      <h1>Your account</h1>
      <section className="card spread" aria-label="Signed in as">
        <div>
          <div className="muted small">Signed in as</div>
          <strong>{user.email}</strong>
        </div>
        <button className="button" onClick={() => void run(async () => { await signOut(); navigate("/"); })} disabled={busy}>Sign out</button>
      </section>
      <section className="card stack" aria-labelledby="membership">
        <div className="spread">
          <h2 id="membership">Membership</h2>
          {ent.loading ? null : <span className="badge">{member ? "Member" : "Free reader"}</span>}
        </div>
        <ErrorNote error={error} />
        {ent.loading ? (
          <Loading />
        ) : member ? (
          <>
            <p>Thank you for supporting this newsletter. Every post is yours to read in full.</p>
            <button className="button" onClick={() => void run(manageBilling)} disabled={busy}>Manage billing</button>
          </>
        ) : (
          <>
            <Pricing onChoose={() => void run(() => checkout("member"))} busy={busy} />
            <p className="muted small">
              Just paid? It can take a few seconds to confirm.{" "}
              <button className="linklike" onClick={() => ent.refresh()}>Check again</button>
            </p>
          </>
        )}
      </section>
    </div>
  );
}
