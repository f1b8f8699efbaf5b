import { useCollection, useUser } from "@sandlot/sdk";
import { ErrorNote, Link, Loading } from "@sandlot/kit";
import Hero from "../blanks/Hero";
import ProductCard from "../blanks/ProductCard";
import { useAccess } from "../lib/access";
import { PRICE_LABEL, type Product } from "../lib/shop";
import { STARTER_PRODUCTS } from "../lib/starter";

/** The storefront (locked): every product is public; the files behind them are not. */
export function ShopPage() {
  const { isCreator } = useUser();
  const products = useCollection("products", { limit: 100, sort: "-createdAt" });
  const access = useAccess();
  const items = products.items as unknown as Product[];
  return (
    <div className="container">
      <Hero />
      <ErrorNote error={products.error} />
      {products.loading && items.length === 0 ? (
        <Loading label="Loading the shop…" />
      ) : items.length === 0 && products.error === null ? (
        <>
          <p className="notice" role="note">
            Sample products: these show until the first real product is added.
            {isCreator ? (
              <>
                {" "}
                <Link to="/manage">Add your first product</Link>.
              </>
            ) : null}
          </p>
          {/* Not links: a sample has no page and cannot be bought. */}
          <ul className="product-grid" aria-label="Sample products" inert>
            {STARTER_PRODUCTS.map((p) => (
              <li key={p.id}>
                <ProductCard product={p} price={PRICE_LABEL} owned={false} />
              </li>
            ))}
          </ul>
        </>
      ) : items.length === 0 ? null : (
        <ul className="product-grid" aria-label="Products">
          {items.map((p) => (
            <li key={p.id}>
              <Link to={`/p/${p.id}`} className="product-link">
                <ProductCard product={p} price={PRICE_LABEL} owned={!access.loading && access.canDownload(p.id)} />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {products.hasMore && (
        <p className="center">
          <button type="button" className="button" onClick={() => void products.loadMore()}>
            More products
          </button>
        </p>
      )}
    </div>
  );
}
