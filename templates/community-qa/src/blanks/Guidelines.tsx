/** Guidelines (blank): short house rules beside the ask and answer forms. */
export default function Guidelines() {
  return (
    <aside className="guidelines" aria-label="Posting guidelines">
      <strong>Before you post</strong>
      <ul>
        <li>Be kind. Everyone here started as a beginner.</li>
        <li>One question per post, with what you already tried.</li>
        <li>Up to 5 questions and 20 answers an hour per person.</li>
      </ul>
    </aside>
  );
}
