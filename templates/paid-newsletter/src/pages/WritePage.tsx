import { useState, type FormEvent } from "react";
import { useCollection, useUser, type SandlotError } from "@sandlot/sdk";
import { AuthScreen, Empty, ErrorNote, Loading } from "@sandlot/kit";
import type { Post, Preview } from "../lib/posts";

/**
 * The writer's desk (locked). Only the app's creator may create or change posts (rule `creator`
 * in template.json): everyone else gets a 403 from the server, shown here as an explanation.
 * A post is two documents: the full text in `posts` (members only) and its public preview in
 * `previews`, which points at the post by id.
 */
interface Draft {
  postId: string | null;
  previewId: string | null;
  title: string;
  excerpt: string;
  body: string;
}

const EMPTY: Draft = { postId: null, previewId: null, title: "", excerpt: "", body: "" };

export function WritePage() {
  const { user, loading: userLoading } = useUser();
  const posts = useCollection("posts", { limit: 100 });
  const previews = useCollection("previews", { limit: 100 });
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SandlotError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  if (userLoading)
    return (
      <div className="container">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next="/write" intro="Sign in with your creator account to write." />
      </div>
    );
  if (posts.error && (posts.error.status === 403 || posts.error.status === 401)) {
    return (
      <div className="container narrow">
        <h1>Writing is for the author</h1>
        <p className="muted">
          Only this newsletter's creator can publish here. If that is you, sign in with the email of your Sandlot
          account (verified).
        </p>
      </div>
    );
  }

  const previewFor = (postId: string): Preview | undefined =>
    (previews.items as unknown as Preview[]).find((p) => p.postId === postId);
  const edit = (post: Post): void => {
    const p = previewFor(post.id);
    setDraft({
      postId: post.id,
      previewId: p?.id ?? null,
      title: post.title,
      excerpt: p?.excerpt ?? "",
      body: post.body,
    });
    setSaved(null);
    setError(null);
  };

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const fields = { title: draft.title.trim(), body: draft.body };
      const preview = { title: draft.title.trim(), excerpt: draft.excerpt.trim() };
      if (draft.postId) {
        await posts.update(draft.postId, fields);
        if (draft.previewId) await previews.update(draft.previewId, preview);
        else await previews.create({ ...preview, postId: draft.postId, publishedAt: new Date().toISOString() });
        setSaved("Changes saved.");
      } else {
        const post = await posts.create(fields);
        // create answers null when the writer may not read the result (204); the creator always may.
        if (!post) throw new Error("The post was saved but could not be read back. Reload the page.");
        try {
          const p = await previews.create({ ...preview, postId: post.id, publishedAt: new Date().toISOString() });
          if (!p) throw new Error("The preview was saved but could not be read back. Reload the page.");
          setDraft({ ...draft, postId: post.id, previewId: p.id });
        } catch (err) {
          await posts.remove(post.id).catch(() => undefined); // never leave a post without its preview
          throw err;
        }
        setSaved("Published.");
      }
    } catch (err) {
      setError(err as SandlotError);
    } finally {
      setBusy(false);
    }
  }

  async function remove(): Promise<void> {
    if (!draft.postId || !window.confirm("Delete this post for everyone?")) return;
    setBusy(true);
    try {
      if (draft.previewId) await previews.remove(draft.previewId);
      await posts.remove(draft.postId);
      setDraft(EMPTY);
      setSaved("Deleted.");
    } catch (err) {
      setError(err as SandlotError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="container write">
      <aside className="card" aria-labelledby="your-posts">
        <div className="spread">
          <h2 id="your-posts">Posts</h2>
          <button
            type="button"
            className="button small"
            onClick={() => {
              setDraft(EMPTY);
              setSaved(null);
            }}
          >
            New
          </button>
        </div>
        <ErrorNote error={posts.error} />
        {posts.loading && posts.items.length === 0 ? (
          <Loading />
        ) : posts.items.length === 0 ? (
          <Empty>Nothing yet.</Empty>
        ) : (
          <ul className="plain">
            {(posts.items as unknown as Post[]).map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={`linklike${p.id === draft.postId ? " current" : ""}`}
                  onClick={() => edit(p)}
                >
                  {p.title}
                </button>
              </li>
            ))}
          </ul>
        )}
      </aside>
      <form className="card editor" onSubmit={save} aria-labelledby="editor-title">
        <h1 id="editor-title">{draft.postId ? "Edit post" : "New post"}</h1>
        <label className="field">
          <span>Title</span>
          <input
            type="text"
            required
            maxLength={200}
            value={draft.title}
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          />
        </label>
        <label className="field">
          <span>
            Preview <small className="muted">(everyone can read this)</small>
          </span>
          <textarea
            required
            maxLength={2000}
            rows={3}
            value={draft.excerpt}
            onChange={(e) => setDraft({ ...draft, excerpt: e.target.value })}
          />
        </label>
        <label className="field">
          <span>
            Full post <small className="muted">(members only; blank lines make paragraphs, "## " a heading)</small>
          </span>
          <textarea
            required
            maxLength={100000}
            rows={16}
            value={draft.body}
            onChange={(e) => setDraft({ ...draft, body: e.target.value })}
          />
        </label>
        <ErrorNote error={error} />
        {saved && (
          <p className="notice" role="status">
            {saved}
          </p>
        )}
        <div className="row">
          <button className="button primary" type="submit" disabled={busy}>
            {draft.postId ? "Save changes" : "Publish"}
          </button>
          {draft.postId && (
            <button className="button danger" type="button" onClick={() => void remove()} disabled={busy}>
              Delete
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
