import { blocksOf } from "../lib/posts";

/** A post body as readable prose (locked). Text only: nothing is rendered as HTML. */
export function Prose(props: { text: string }) {
  return (
    <div className="prose">
      {blocksOf(props.text).map((b, i) =>
        b.kind === "h" ? (
          <h2 key={i}>{b.text}</h2>
        ) : b.kind === "q" ? (
          <blockquote key={i}>{b.text}</blockquote>
        ) : (
          <p key={i}>{b.text}</p>
        ),
      )}
    </div>
  );
}
