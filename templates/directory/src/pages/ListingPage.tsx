import { type ReactNode, useState } from "react";
import { type SandlotError, useDoc, useUser } from "@sandlot/sdk";
import { ErrorNote, Link, Loading, navigate } from "@sandlot/kit";
import { categoryLabel, type Listing, type Status, statusText } from "../lib/listings";
import { FeatureOffer } from "../components/FeatureOffer";
import { Moderation } from "../components/Moderation";

/**
 * One listing (locked). The server answers 404 for a listing that is not approved unless you
 * added it or are the creator, exactly as for one that does not exist (T11), so an unapproved
 * listing cannot be found by its address.
 */
export function ListingPage(props: { id: string }): ReactNode {
  const { user, isCreator } = useUser();
  const doc = useDoc("listings", props.id);
  const [error, setError] = useState<SandlotError | null>(null);
  const listing = doc.item as unknown as Listing | null;

  if (doc.loading && !listing)
    return (
      <div className="container narrow">
        <Loading />
      </div>
    );
  if (!listing)
    return (
      <div className="container narrow stack">
        <h1>Listing not found</h1>
        {doc.error && doc.error.status !== 404 ? (
          <ErrorNote error={doc.error} />
        ) : (
          <p>This listing is not in the directory. It may still be waiting for approval, or it was removed.</p>
        )}
        <p>
          <Link to="/">Back to the directory</Link>
        </p>
      </div>
    );

  const mine = user !== null && listing.ownerId === user.id;
  const withdraw = async (): Promise<void> => {
    if (!window.confirm("Remove this listing from the directory?")) return;
    try {
      await doc.remove();
      navigate("/account");
    } catch (e) {
      setError(e as SandlotError);
    }
  };
  return (
    <div className="container narrow stack">
      <p className="muted small">
        <Link to="/">Directory</Link> › {categoryLabel(listing.category)}
      </p>
      <article className={`card stack listing-detail${listing.featured ? " featured" : ""}`}>
        <div className="spread">
          <h1>{listing.title}</h1>
          {listing.featured && <span className="badge featured-badge">Featured</span>}
        </div>
        {listing.area && <p className="muted">{listing.area}</p>}
        {listing.description && <p className="description">{listing.description}</p>}
        {listing.website && (
          <p>
            <a href={listing.website} target="_blank" rel="noopener noreferrer nofollow ugc">
              Visit website
            </a>
          </p>
        )}
      </article>
      {(mine || isCreator) && listing.status !== "approved" && (
        <p className="notice" role="status">
          {statusText(listing.status)}: only you{isCreator && !mine ? " (the creator) and its author" : ""} can see it.
        </p>
      )}
      {isCreator && (
        <section className="card stack" aria-label="Review">
          <h2>Review</h2>
          <Moderation listing={listing} setStatus={(_id, status: Status) => doc.update({ status })} />
        </section>
      )}
      {mine && listing.status === "approved" && !listing.featured && <FeatureOffer listingId={listing.id} />}
      <ErrorNote error={error} />
      {mine && (
        <p>
          <button type="button" className="button danger small" onClick={() => void withdraw()}>
            Remove my listing
          </button>
        </p>
      )}
    </div>
  );
}
