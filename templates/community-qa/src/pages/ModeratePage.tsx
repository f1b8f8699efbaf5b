import type { ReactElement } from "react";
import { useCollection, useUser, type SandlotError } from "@sandlot/sdk";
import { AuthScreen, Empty, ErrorNote, Link, Loading } from "@sandlot/kit";
import { ago, type Answer, type Question } from "../lib/qa";
import { useState } from "react";

/**
 * The creator's moderation queue (locked): every question and answer, hidden ones included
 * (the `creator` alternative of the rules). Hiding and deleting are the server's `writable` and
 * `delete` rules, so anyone else who opens this page sees only public posts and gets 403s.
 */
export function ModeratePage(): ReactElement {
  const { user, isCreator, loading } = useUser();
  const questions = useCollection("questions", { sort: "-createdAt", limit: 50 });
  const answers = useCollection("answers", { sort: "-createdAt", limit: 50 });
  const [error, setError] = useState<SandlotError | null>(null);
  if (loading)
    return (
      <div className="container">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next="/moderate" intro="Sign in with your creator account to moderate." />
      </div>
    );
  if (!isCreator)
    return (
      <div className="container narrow">
        <h1>Moderation</h1>
        <p>Only the creator of this community can moderate. </p>
        <Link to="/">Back to questions</Link>
      </div>
    );
  const run = (p: Promise<unknown>): void => {
    setError(null);
    p.catch((e: SandlotError) => setError(e));
  };
  const qs = questions.items as unknown as Question[];
  const as = answers.items as unknown as Answer[];
  return (
    <div className="container stack">
      <h1>Moderation</h1>
      <p className="muted">Hidden posts disappear for everyone but you. Deleting cannot be undone.</p>
      <ErrorNote error={error ?? questions.error ?? answers.error} />
      <section aria-labelledby="mod-questions" className="stack">
        <h2 id="mod-questions">Latest questions</h2>
        {qs.length === 0 ? (
          <Empty>No questions yet.</Empty>
        ) : (
          <ul className="mod-list">
            {qs.map((q) => (
              <li key={q.id} className={`card spread${q.hidden ? " is-hidden" : ""}`}>
                <div>
                  <Link to={`/q/${q.id}`}>{q.title}</Link>
                  <div className="muted small">
                    {ago(q.createdAt)}
                    {q.hidden ? " · hidden" : ""}
                  </div>
                </div>
                <div className="row">
                  <button
                    type="button"
                    className="button small"
                    onClick={() => run(questions.update(q.id, { hidden: !q.hidden }))}
                  >
                    {q.hidden ? "Unhide" : "Hide"}
                  </button>
                  <button type="button" className="button danger small" onClick={() => run(questions.remove(q.id))}>
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="mod-answers" className="stack">
        <h2 id="mod-answers">Latest answers</h2>
        {as.length === 0 ? (
          <Empty>No answers yet.</Empty>
        ) : (
          <ul className="mod-list">
            {as.map((a) => (
              <li key={a.id} className={`card spread${a.hidden ? " is-hidden" : ""}`}>
                <div>
                  <span>{a.body.slice(0, 160)}</span>
                  <div className="muted small">
                    <Link to={`/q/${a.questionId}`}>On its question</Link> ·{" "}
                    {a.votes === 1 ? "1 vote" : `${a.votes ?? 0} votes`} · {ago(a.createdAt)}
                    {a.hidden ? " · hidden" : ""}
                  </div>
                </div>
                <div className="row">
                  <button
                    type="button"
                    className="button small"
                    onClick={() => run(answers.update(a.id, { hidden: !a.hidden }))}
                  >
                    {a.hidden ? "Unhide" : "Hide"}
                  </button>
                  <button type="button" className="button danger small" onClick={() => run(answers.remove(a.id))}>
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
