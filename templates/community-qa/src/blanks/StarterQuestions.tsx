/** Starter questions (blank): examples shown while the board is empty. Not real posts. */
export default function StarterQuestions() {
  const examples = [
    ["Why are the lower leaves of my tomatoes turning yellow?", "Planted in May, watered every other day."],
    ["How often should I water a snake plant in winter?", "It sits by a north-facing window."],
    ["What is eating holes in my basil?", "Small round holes, no bugs in sight during the day."],
  ];
  return (
    <section className="starter" aria-label="Example questions">
      <p className="muted">No questions yet. Here is the kind of thing people ask:</p>
      <ul className="question-list">
        {examples.map(([title, line]) => (
          <li key={title} className="card">
            <strong>{title}</strong>
            <div className="muted small">{line}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
