import { useCollection, useUser } from "@sandlot/sdk";
import { AuthScreen, Empty, ErrorNote, Link, Loading } from "@sandlot/kit";
import { useAccess } from "../lib/access";
import { downloadUrl, type Product } from "../lib/shop";

/**
 * My purchases (locked): the products this user bought (from `purchases()`, written only by the
 * verified payment webhook), and with All-access everything else too, each with its download.
 */
export function PurchasesPage() {
  const { user, loading } = useUser();
  const products = useCollection("products", { limit: 100, sort: "-createdAt" });
  const access = useAccess();
  if (loading)
    return (
      <div className="container narrow">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next="/purchases" intro="Sign in to see and download what you bought." />
      </div>
    );
  const items = products.items as unknown as Product[];
  const bought = items.filter((p) => access.bought.has(p.id));
  const included = access.allAccess ? items.filter((p) => !access.bought.has(p.id)) : [];
  return (
    <div className="container narrow stack">
      <h1>My purchases</h1>
      <ErrorNote error={products.error} />
      {access.loading || (products.loading && items.length === 0) ? (
        <Loading label="Finding your downloads…" />
      ) : (
        <>
          {access.allAccess && (
            <p className="notice" role="status">
              All-access is active: every product in the shop is yours to download while it lasts.
            </p>
          )}
          <section className="stack" aria-labelledby="bought-heading">
            <h2 id="bought-heading">Bought</h2>
            {bought.length === 0 ? (
              <Empty>
                Nothing bought yet. <Link to="/">Browse the shop</Link>.
              </Empty>
            ) : (
              <ProductList items={bought} />
            )}
          </section>
          {included.length > 0 && (
            <section className="stack" aria-labelledby="included-heading">
              <h2 id="included-heading">Included with All-access</h2>
              <ProductList items={included} />
            </section>
          )}
        </>
      )}
    </div>
  );
}

function ProductList(props: { items: Product[] }) {
  return (
    <ul className="purchase-list">
      {props.items.map((p) => (
        <li key={p.id} className="card spread">
          <div>
            <Link to={`/p/${p.id}`}>
              <strong>{p.title}</strong>
            </Link>
            {p.summary && <div className="muted small">{p.summary}</div>}
          </div>
          {p.file ? (
            <a className="button small" href={downloadUrl(p.id)} download aria-label={`Download ${p.title}`}>
              Download
            </a>
          ) : (
            <span className="muted small">File coming soon</span>
          )}
        </li>
      ))}
    </ul>
  );
}
