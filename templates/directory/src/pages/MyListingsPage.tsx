import { type ReactNode, useState } from "react";
import { type SandlotError, signOut, useCollection, useUser } from "@sandlot/sdk";
import { AuthScreen, Empty, ErrorNote, Link, Loading, navigate } from "@sandlot/kit";
import { categoryLabel, type Listing, statusText } from "../lib/listings";
import { type PurchaseReturn, usePurchaseReturn } from "../lib/purchaseReturn";

function PurchaseNotice(props: { state: PurchaseReturn; confirmed: boolean }): ReactNode {
  if (props.state === "none") return null;
  return (
    <p className="notice" role="status">
      {props.state === "cancel"
        ? "Payment cancelled. Nothing was charged."
        : props.confirmed
          ? "Payment received. Your listing is featured — it now shows first in the directory."
          : "Payment received. Confirming… this takes a few seconds."}
    </p>
  );
}

/**
 * My listings and account (locked): the signed-in person's own listings (`where[ownerId]=@me`,
 * whatever their status), the way to feature an approved one, and sign-out. The featured
 * payment returns here.
 */
export function MyListingsPage(): ReactNode {
  const { user, loading } = useUser();
  const mine = useCollection("listings", { where: { ownerId: "@me" }, sort: "-createdAt", limit: 20 });
  const items = mine.items as unknown as Listing[];
  const returned = usePurchaseReturn(
    items.some((l) => l.featured),
    mine.refresh,
  );
  const [error, setError] = useState<SandlotError | null>(null);
  if (loading)
    return (
      <div className="container narrow">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next="/account" />
      </div>
    );
  const leave = async (): Promise<void> => {
    try {
      await signOut();
      navigate("/");
    } catch (e) {
      setError(e as SandlotError);
    }
  };
  return (
    <div className="container narrow stack">
      <h1>My listings</h1>
      <PurchaseNotice state={returned} confirmed={items.some((l) => l.featured)} />
      <ErrorNote error={mine.error ?? error} />
      {mine.loading && items.length === 0 ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>
          You have not added a listing yet. <Link to="/submit">Add one</Link>.
        </Empty>
      ) : (
        <ul className="plain-list" aria-label="My listings">
          {items.map((l) => (
            <li key={l.id} className={`card spread${l.featured ? " featured" : ""}`}>
              <div>
                <Link to={`/l/${l.id}`}>
                  <strong>{l.title}</strong>
                </Link>
                <div className="muted small">
                  {categoryLabel(l.category)} ·{" "}
                  <span className={`state state-${l.status}`}>{statusText(l.status)}</span>
                </div>
              </div>
              {l.featured ? (
                <span className="badge featured-badge">Featured</span>
              ) : l.status === "approved" ? (
                <Link to={`/l/${l.id}`} className="button small">
                  Feature it
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <section className="card spread" aria-label="Signed in as">
        <div>
          <div className="muted small">Signed in as</div>
          <strong>{user.email}</strong>
        </div>
        <button type="button" className="button" onClick={() => void leave()}>
          Sign out
        </button>
      </section>
    </div>
  );
}
