import { useDoc } from "@sandlot/sdk";
import { ErrorNote, Link, Loading, NotFound } from "@sandlot/kit";
import { DownloadAction } from "../components/DownloadAction";
import { useAccess } from "../lib/access";
import { FORMAT_LABELS, PRICE_LABEL, type Product } from "../lib/shop";

/** One product (locked): what it is, its price, and download or buy. */
export function ProductPage(props: { id: string }) {
  const doc = useDoc("products", props.id);
  const access = useAccess();
  const product = doc.item as unknown as Product | null;
  if (doc.loading && !product)
    return (
      <div className="container narrow">
        <Loading />
      </div>
    );
  if (!product) {
    if (doc.error && doc.error.code !== "not_found")
      return (
        <div className="container narrow">
          <ErrorNote error={doc.error} />
        </div>
      );
    return <NotFound homeLabel="Back to the shop" />;
  }
  return (
    <div className="container narrow stack">
      <p>
        <Link to="/">← All products</Link>
      </p>
      <article className="card stack product-detail" aria-labelledby="product-title">
        <span className="product-format">{FORMAT_LABELS[product.format ?? "pdf"]}</span>
        <h1 id="product-title">{product.title}</h1>
        {product.summary && <p className="lead">{product.summary}</p>}
        {product.description && <p className="prose">{product.description}</p>}
        <p className="product-price">
          <span className="visually-hidden">Price: </span>
          {PRICE_LABEL} <small className="muted">one-time</small>
        </p>
        <DownloadAction product={product} access={access} />
      </article>
    </div>
  );
}
