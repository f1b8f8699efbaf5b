/** Submission guidelines (blank): above the Add a listing form. What may be listed and how approval works. */
export default function SubmitGuidelines() {
  return (
    <div className="stack">
      <p>
        Add a local business, service or place you run or love. We read every listing before it goes live, usually
        within two days.
      </p>
      <ul>
        <li>Real places and services in or near Riverside.</li>
        <li>One listing per place; no adverts for events or jobs.</li>
        <li>Listings that are spam, offensive or misleading are not approved.</li>
      </ul>
    </div>
  );
}
