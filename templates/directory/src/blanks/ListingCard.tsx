import { Link } from "@sandlot/kit";

/**
 * Listing card (blank): one listing in the home page's grid. Props: listing {id, title, category,
 * categoryLabel, description?, area?, website?, featured?}. Keep the link to `/l/<id>` on the title.
 */
export default function ListingCard(props: {
  listing: {
    id: string;
    title: string;
    categoryLabel: string;
    description?: string;
    area?: string;
    featured?: boolean;
  };
}) {
  const l = props.listing;
  return (
    <article className={`card listing-card${l.featured ? " featured" : ""}`}>
      <div className="spread">
        <span className="muted small">{l.categoryLabel}</span>
        {l.featured && <span className="badge featured-badge">Featured</span>}
      </div>
      <h2 className="listing-title">
        <Link to={`/l/${l.id}`}>{l.title}</Link>
      </h2>
      {l.area && <p className="muted small">{l.area}</p>}
      {l.description && <p className="listing-text">{l.description}</p>}
    </article>
  );
}
