import type { ReactElement } from "react";
import { ago, type Answer } from "../lib/qa";

/** What one answer can do for the person looking at it; each action is a server write the page makes. */
export interface AnswerActions {
  voted: boolean;
  canVote: boolean;
  canAccept: boolean;
  moderator: boolean;
  mine: boolean;
  busy: boolean;
  onVote(): void;
  onAccept(): void;
  onHide(): void;
  onDelete(): void;
}

/** One answer (locked): the count is the server's (`counts.votes`), never computed here. */
export function AnswerItem(props: { answer: Answer; accepted: boolean; actions: AnswerActions }): ReactElement {
  const { answer, accepted, actions } = props;
  const votes = answer.votes ?? 0;
  return (
    <li className={`card answer${accepted ? " accepted" : ""}${answer.hidden ? " is-hidden" : ""}`}>
      <div className="vote-box">
        <button
          type="button"
          className={`button vote${actions.voted ? " voted" : ""}`}
          aria-pressed={actions.voted}
          aria-label={actions.voted ? "Remove your vote" : "Vote for this answer"}
          disabled={!actions.canVote || actions.busy}
          onClick={actions.onVote}
        >
          ▲
        </button>
        <span className="vote-count">
          {votes}
          <span className="visually-hidden"> {votes === 1 ? "vote" : "votes"}</span>
        </span>
      </div>
      <div className="answer-main">
        {accepted && <p className="badge answered">✓ Accepted by the asker</p>}
        {answer.hidden && <p className="badge hidden-badge">Hidden from everyone but you</p>}
        <p className="answer-body">{answer.body}</p>
        <div className="row small">
          <span className="muted">
            {actions.mine ? "Your answer" : "Answered"} {ago(answer.createdAt)}
          </span>
          {actions.canAccept && !accepted && (
            <button type="button" className="button small" disabled={actions.busy} onClick={actions.onAccept}>
              Accept this answer
            </button>
          )}
          {actions.moderator && (
            <button type="button" className="button small" disabled={actions.busy} onClick={actions.onHide}>
              {answer.hidden ? "Unhide" : "Hide"}
            </button>
          )}
          {(actions.moderator || actions.mine) && (
            <button type="button" className="button danger small" disabled={actions.busy} onClick={actions.onDelete}>
              Delete
            </button>
          )}
        </div>
      </div>
    </li>
  );
}
