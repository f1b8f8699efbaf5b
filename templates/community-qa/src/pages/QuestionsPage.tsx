import type { ReactElement } from "react";
import { useCollection, useUser } from "@sandlot/sdk";
import { Empty, ErrorNote, Link, Loading } from "@sandlot/kit";
import type { Question } from "../lib/qa";
import QuestionCard from "../blanks/QuestionCard";
import StarterQuestions from "../blanks/StarterQuestions";
import Welcome from "../blanks/Welcome";

/**
 * The board (locked): newest questions first. The server leaves hidden questions out of this
 * list for everyone but the creator (rule `public where hidden != true | creator`).
 */
export function QuestionsPage(): ReactElement {
  const { user } = useUser();
  const questions = useCollection("questions", { sort: "-createdAt", limit: 30 });
  const items = questions.items as unknown as Question[];
  return (
    <div className="container stack">
      <Welcome />
      <p>
        <Link to={user ? "/ask" : "/signin"} className="button primary">
          Ask a question
        </Link>
      </p>
      <ErrorNote error={questions.error} />
      {questions.loading && items.length === 0 ? (
        <Loading label="Loading questions…" />
      ) : items.length === 0 ? (
        questions.error ? (
          <Empty>Questions could not be loaded.</Empty>
        ) : (
          <StarterQuestions />
        )
      ) : (
        <ul className="question-list" aria-label="Questions">
          {items.map((q) => (
            <li key={q.id}>
              <Link to={`/q/${q.id}`} className="card question-link">
                <QuestionCard question={q} answered={Boolean(q.acceptedAnswerId)} hidden={q.hidden === true} />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {questions.hasMore && (
        <p className="center">
          <button type="button" className="button" onClick={() => void questions.loadMore()}>
            Older questions
          </button>
        </p>
      )}
    </div>
  );
}
