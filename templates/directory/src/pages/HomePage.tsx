import { type ReactNode, useState } from "react";
import { useCollection } from "@sandlot/sdk";
import { Empty, ErrorNote, Link, Loading } from "@sandlot/kit";
import { CATEGORIES, type Category, categoryLabel, type Listing } from "../lib/listings";
import { useDebounced, useRetryWhileIndexing } from "../lib/hooks";
import { STARTER_LISTINGS } from "../lib/starter";
import Intro from "../blanks/Intro";
import ListingCard from "../blanks/ListingCard";

/**
 * Browse (locked): approved listings only, featured first. The server decides what is public
 * (`public where status = "approved"`); the `where` here keeps the signed-in owner's own pending
 * listings out of the public grid (they are under My listings). Search and category narrow the
 * same list on the server (`?q=`, `where[category]`).
 */
export function HomePage(): ReactNode {
  const [text, setText] = useState("");
  const [category, setCategory] = useState<Category | null>(null);
  const search = useDebounced(text.trim(), 300);
  const list = useCollection("listings", {
    limit: 24,
    where: { status: "approved", ...(category ? { category } : {}) },
    sort: "-featured",
    search,
  });
  const indexing = useRetryWhileIndexing(list.error, list.refresh);
  const items = list.items as unknown as Listing[];
  const filtered = search !== "" || category !== null;

  return (
    <div className="container">
      <Intro />
      <div className="search">
        <label className="field">
          <span>Search listings</span>
          <input
            type="search"
            value={text}
            maxLength={100}
            placeholder="Try “bakery” or a neighbourhood"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
      </div>
      <fieldset className="chips">
        <legend className="visually-hidden">Category</legend>
        <button type="button" className="chip" aria-pressed={category === null} onClick={() => setCategory(null)}>
          All
        </button>
        {CATEGORIES.map((c) => (
          <button
            key={c.value}
            type="button"
            className="chip"
            aria-pressed={category === c.value}
            onClick={() => setCategory(category === c.value ? null : c.value)}
          >
            {c.label}
          </button>
        ))}
      </fieldset>
      {indexing ? <Loading label="Preparing search…" /> : <ErrorNote error={list.error} />}
      {list.loading && items.length === 0 ? (
        <Loading label="Finding listings…" />
      ) : items.length === 0 && !list.error && !filtered ? (
        <>
          <p className="notice" role="note">
            Sample listings: these show until the first listing is approved. <Link to="/submit">Add a listing</Link>.
          </p>
          {/* Not links to anything real: a sample has no page. */}
          <ul className="listing-grid" aria-label="Sample listings" inert>
            {STARTER_LISTINGS.map((l) => (
              <li key={l.id}>
                <ListingCard listing={{ ...l, categoryLabel: categoryLabel(l.category) }} />
              </li>
            ))}
          </ul>
        </>
      ) : items.length === 0 && !list.error ? (
        <Empty>Nothing matches yet. Try another word or category.</Empty>
      ) : (
        <ul className="listing-grid" aria-label="Listings">
          {items.map((l) => (
            <li key={l.id}>
              <ListingCard listing={{ ...l, categoryLabel: categoryLabel(l.category) }} />
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && (
        <p className="center">
          <button type="button" className="button" onClick={() => void list.loadMore()}>
            More listings
          </button>
        </p>
      )}
    </div>
  );
}
