/**
 * Product card (blank): one product in the grid. Props: product {title, summary?, format?},
 * price (display text), owned. The locked page wraps it in a link to the product page.
 */
export default function ProductCard(props: {
  product: { title: string; summary?: string; format?: string };
  price: string;
  owned: boolean;
}) {
  const { product } = props;
  return (
    <div className="card product-card">
      <span className="product-format">{(product.format ?? "file").toUpperCase()}</span>
      <h2 className="product-title">{product.title}</h2>
      {product.summary && <p className="muted">{product.summary}</p>}
      <p className="product-price">{props.owned ? <span className="badge">Owned</span> : props.price}</p>
    </div>
  );
}
