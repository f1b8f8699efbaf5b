/**
 * Question card (blank): one question in the list. Props: question {title, body?, createdAt},
 * answered (the asker accepted an answer), hidden (only the creator sees hidden questions).
 */
export default function QuestionCard(props: {
  question: { title: string; body?: string; createdAt: number };
  answered: boolean;
  hidden: boolean;
}) {
  const { question } = props;
  const day = new Date(question.createdAt).toLocaleDateString(undefined, { month: "short", day: "numeric" });
  return (
    <div className="question-card">
      <span className="question-title">{question.title}</span>
      {question.body && <span className="muted small question-excerpt">{question.body.slice(0, 140)}</span>}
      <span className="muted small question-meta">
        {day}
        {props.answered && <span className="badge answered">✓ Answered</span>}
        {props.hidden && <span className="badge hidden-badge">Hidden</span>}
      </span>
    </div>
  );
}
