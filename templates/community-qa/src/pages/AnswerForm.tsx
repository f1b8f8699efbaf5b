import { type FormEvent, type ReactElement, useState } from "react";
import type { SandlotError } from "@sandlot/sdk";
import { ErrorNote, Link } from "@sandlot/kit";
import { explain } from "../lib/qa";
import Guidelines from "../blanks/Guidelines";

/** The answer form (locked). `create` is the answers list's; the server checks the question still exists. */
export function AnswerForm(props: {
  signedIn: boolean;
  questionId: string;
  create(data: { questionId: string; body: string }): Promise<unknown>;
}): ReactElement {
  const [body, setBody] = useState("");
  const [error, setError] = useState<SandlotError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!props.signedIn)
    return (
      <p className="card">
        <Link to="/signin">Sign in</Link> or <Link to="/signup">create an account</Link> to answer.
      </p>
    );

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.create({ questionId: props.questionId, body: body.trim() });
      setBody("");
    } catch (err) {
      setError(explain(err as SandlotError, "answer"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} aria-label="Your answer">
      <h2>Your answer</h2>
      <Guidelines />
      <label className="field">
        <span>Answer</span>
        <textarea
          rows={5}
          required
          minLength={2}
          maxLength={5000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
      </label>
      <ErrorNote error={error} />
      <div>
        <button type="submit" className="button primary" disabled={busy || body.trim().length < 2}>
          {busy ? "Posting…" : "Post answer"}
        </button>
      </div>
    </form>
  );
}
