import { type FormEvent, type ReactElement, useState } from "react";
import { useCollection, useUser, type SandlotError } from "@sandlot/sdk";
import { AuthScreen, ErrorNote, Loading, navigate } from "@sandlot/kit";
import { explain } from "../lib/qa";
import Guidelines from "../blanks/Guidelines";

/** Ask (locked): one create in `questions`. The server applies the hourly limit (429, shown as it comes). */
export function AskPage(): ReactElement {
  const { user, loading } = useUser();
  const questions = useCollection("questions", { limit: 1 });
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [error, setError] = useState<SandlotError | null>(null);
  const [busy, setBusy] = useState(false);
  if (loading)
    return (
      <div className="container">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next="/ask" intro="Sign in to ask the community." />
      </div>
    );

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const made = await questions.create({ title: title.trim(), ...(body.trim() ? { body: body.trim() } : {}) });
      navigate(made ? `/q/${made.id}` : "/");
    } catch (err) {
      setError(explain(err as SandlotError, "question"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="container narrow stack">
      <h1>Ask a question</h1>
      <Guidelines />
      <form className="card stack" onSubmit={submit} aria-label="Your question">
        <label className="field">
          <span>Question</span>
          <input
            type="text"
            required
            minLength={8}
            maxLength={150}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="What would you like to know?"
          />
        </label>
        <label className="field">
          <span>
            Details <small className="muted">(optional)</small>
          </span>
          <textarea rows={6} maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <div>
          <button type="submit" className="button primary" disabled={busy || title.trim().length < 8}>
            {busy ? "Posting…" : "Post question"}
          </button>
        </div>
      </form>
    </div>
  );
}
