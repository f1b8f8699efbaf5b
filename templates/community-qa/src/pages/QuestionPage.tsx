import { type ReactElement, useState } from "react";
import { useCollection, useDoc, useUser, type SandlotError } from "@sandlot/sdk";
import { ErrorNote, Link, Loading, navigate } from "@sandlot/kit";
import { ago, type Answer, explain, type Question, rankAnswers, type Vote } from "../lib/qa";
import { AnswerForm } from "./AnswerForm";
import { AnswerItem } from "./AnswerItem";

/**
 * One question with its answers (locked). Every decision is the server's: one vote per person per
 * answer (409), only the asker may set `acceptedAnswerId` (403 for anyone else), only the creator
 * may hide (`writable`) — this page shows the buttons that fit and the refusals as they come.
 */
export function QuestionPage(props: { id: string }): ReactElement {
  const { user, isCreator } = useUser();
  const question = useDoc("questions", props.id);
  const answers = useCollection("answers", { where: { questionId: props.id }, limit: 100 });
  // The rule `owner` narrows this to the viewer's own votes; signed out, it is simply empty.
  const votes = useCollection("votes", { where: { questionId: props.id }, limit: 100 });
  const [error, setError] = useState<SandlotError | null>(null);
  const [busy, setBusy] = useState(false);
  const q = question.item as unknown as Question | null;

  if (question.loading && !q)
    return (
      <div className="container">
        <Loading label="Loading the question…" />
      </div>
    );
  if (!q)
    return (
      <div className="container narrow stack">
        <h1>Question not found</h1>
        <p>It may have been removed or hidden by a moderator.</p>
        <Link to="/">Back to all questions</Link>
      </div>
    );

  const asker = user !== null && q.ownerId === user.id;
  const myVotes = new Map(((user ? votes.items : []) as unknown as Vote[]).map((v) => [v.answerId, v.id]));
  const ranked = rankAnswers(answers.items as unknown as Answer[], q.acceptedAnswerId);

  async function act(what: "vote" | "change", run: () => Promise<unknown>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(explain(err as SandlotError, what));
    } finally {
      setBusy(false);
    }
  }

  const toggleVote = (a: Answer): Promise<void> =>
    act("vote", async () => {
      const mine = myVotes.get(a.id);
      if (mine) await votes.remove(mine);
      else await votes.create({ answerId: a.id, questionId: q.id });
      await answers.refresh();
    });

  return (
    <div className="container narrow stack">
      <p>
        <Link to="/">← All questions</Link>
      </p>
      <article className="card stack" aria-labelledby="question-title">
        {q.hidden && <p className="badge hidden-badge">Hidden from everyone but you</p>}
        <h1 id="question-title">{q.title}</h1>
        {q.body && <p className="question-body">{q.body}</p>}
        <div className="row small">
          <span className="muted">
            {asker ? "You asked" : "Asked"} {ago(q.createdAt)}
          </span>
          {isCreator && (
            <button
              type="button"
              className="button small"
              disabled={busy}
              onClick={() => void act("change", () => question.update({ hidden: !q.hidden }))}
            >
              {q.hidden ? "Unhide question" : "Hide question"}
            </button>
          )}
          {(isCreator || asker) && (
            <button
              type="button"
              className="button danger small"
              disabled={busy}
              onClick={() => {
                if (window.confirm("Delete this question?"))
                  void act("change", async () => {
                    await question.remove();
                    navigate("/");
                  });
              }}
            >
              Delete question
            </button>
          )}
        </div>
      </article>
      <ErrorNote error={error ?? answers.error} />
      <h2>
        {ranked.length} {ranked.length === 1 ? "answer" : "answers"}
      </h2>
      {answers.loading && ranked.length === 0 ? (
        <Loading label="Loading answers…" />
      ) : ranked.length === 0 ? (
        <p className="muted">No answers yet. Know the answer? Help out below.</p>
      ) : (
        <ol className="answer-list" aria-label="Answers, best first">
          {ranked.map((a) => (
            <AnswerItem
              key={a.id}
              answer={a}
              accepted={a.id === q.acceptedAnswerId}
              actions={{
                voted: myVotes.has(a.id),
                canVote: user !== null,
                canAccept: asker,
                moderator: isCreator,
                mine: user !== null && a.ownerId === user.id,
                busy,
                onVote: () => void toggleVote(a),
                onAccept: () => void act("change", () => question.update({ acceptedAnswerId: a.id })),
                onHide: () => void act("change", () => answers.update(a.id, { hidden: !a.hidden })),
                onDelete: () => {
                  if (window.confirm("Delete this answer?")) void act("change", () => answers.remove(a.id));
                },
              }}
            />
          ))}
        </ol>
      )}
      {!user && ranked.length > 0 && (
        <p className="muted small">
          <Link to="/signin">Sign in</Link> to vote for the answers that helped you.
        </p>
      )}
      {!q.hidden && <AnswerForm signedIn={user !== null} questionId={q.id} create={answers.create} />}
    </div>
  );
}
