import { useCollection } from "@sandlot/sdk";
import { Empty, ErrorNote, Loading } from "@sandlot/kit";
import type { Preview } from "../lib/posts";
import Hero from "../blanks/Hero";
import PostCard from "../blanks/PostCard";

/** Home (locked): the hero blank, then every public preview, newest first. */
export function HomePage() {
  const { items, loading, error, hasMore, loadMore } = useCollection("previews", { limit: 20 });
  const previews = items as unknown as Preview[];
  return (
    <div className="container">
      <Hero />
      <section aria-labelledby="latest" className="latest">
        <h2 id="latest">Latest posts</h2>
        <ErrorNote error={error} />
        {loading && previews.length === 0 ? (
          <Loading label="Loading posts…" />
        ) : previews.length === 0 ? (
          <Empty>No posts yet. The first one is on its way.</Empty>
        ) : (
          <ol className="post-list">
            {previews.map((p) => (
              <li key={p.id}>
                <PostCard preview={p} href={`#/p/${p.id}`} />
              </li>
            ))}
          </ol>
        )}
        {hasMore && (
          <p className="center">
            <button type="button" className="button" onClick={() => void loadMore()} disabled={loading}>
              Older posts
            </button>
          </p>
        )}
      </section>
    </div>
  );
}
