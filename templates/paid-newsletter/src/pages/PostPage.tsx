import { useDoc, useUser } from "@sandlot/sdk";
import { Prose } from "../components/Prose";
import { ErrorNote, Link, Loading } from "@sandlot/kit";
import { formatDate, type Post, type Preview } from "../lib/posts";
import MemberPitch from "../blanks/MemberPitch";

/**
 * One post (locked). The preview is public. The full text is asked for only when signed in, and
 * the server decides: members (and the creator) get it, everyone else gets the pitch. Nothing
 * here grants access; hiding the pitch would show an empty page, not the post.
 */
function FullText(props: { postId: string }) {
  const { item, loading, error } = useDoc("posts", props.postId);
  if (loading) return <Loading label="Opening the full post…" />;
  if (item) return <Prose text={(item as unknown as Post).body} />;
  if (error && error.status !== 401 && error.status !== 402 && error.status !== 403 && error.status !== 404)
    return <ErrorNote error={error} />;
  return <MemberPitch signedIn />;
}

export function PostPage(props: { previewId: string }) {
  const { user, loading: userLoading } = useUser();
  const { item, loading, error } = useDoc("previews", props.previewId);
  if (loading)
    return (
      <div className="container narrow">
        <Loading />
      </div>
    );
  if (!item) {
    return (
      <div className="container narrow">
        <h1>Post not found</h1>
        <ErrorNote error={error && error.status !== 404 ? error : null} />
        <p>
          <Link to="/">See the latest posts</Link>
        </p>
      </div>
    );
  }
  const preview = item as unknown as Preview;
  return (
    <article className="container narrow post">
      <p className="muted small">
        <Link to="/">← All posts</Link>
      </p>
      <header>
        <h1>{preview.title}</h1>
        <p className="muted">
          <time dateTime={preview.publishedAt}>{formatDate(preview)}</time>
        </p>
      </header>
      <p className="lede">{preview.excerpt}</p>
      {userLoading ? <Loading /> : user ? <FullText postId={preview.postId} /> : <MemberPitch signedIn={false} />}
    </article>
  );
}
