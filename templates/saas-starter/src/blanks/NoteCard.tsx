import { useState } from "react";

/**
 * Note card (blank): one note in the workspace. Props: note {id, title, body?, pinned?,
 * updatedAt}, onSave(patch) → Promise (patch of title, body, pinned), onDelete() → Promise.
 * Both reject with an error whose message is written for people.
 */
export default function NoteCard(props: {
  note: { title: string; body?: string; pinned?: boolean; updatedAt: number };
  onSave: (patch: { title?: string; body?: string; pinned?: boolean }) => Promise<void>;
  onDelete: () => Promise<void>;
}) {
  const { note } = props;
  const [title, setTitle] = useState(note.title);
  const [body, setBody] = useState(note.body ?? "");
  const [message, setMessage] = useState<string | null>(null);
  const dirty = title !== note.title || body !== (note.body ?? "");
  const act = (p: Promise<void>): void => {
    setMessage(null);
    p.catch((e: Error) => setMessage(e.message));
  };
  return (
    <article className={`card note stack${note.pinned ? " pinned" : ""}`}>
      <input
        className="note-title"
        type="text"
        aria-label="Title"
        value={title}
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
      />
      <textarea
        aria-label="Note"
        value={body}
        maxLength={20000}
        placeholder="Write…"
        onChange={(e) => setBody(e.target.value)}
      />
      {message && (
        <p className="alert" role="alert">
          {message}
        </p>
      )}
      <div className="spread">
        <span className="muted small">Edited {new Date(note.updatedAt).toLocaleDateString()}</span>
        <span className="row">
          <button
            type="button"
            className="button small"
            onClick={() => act(props.onSave({ pinned: !note.pinned }))}
            aria-pressed={!!note.pinned}
          >
            {note.pinned ? "Unpin" : "Pin"}
          </button>
          {dirty && (
            <button
              type="button"
              className="button primary small"
              onClick={() => act(props.onSave({ title: title.trim() || note.title, body }))}
            >
              Save
            </button>
          )}
          <button type="button" className="button danger small" onClick={() => act(props.onDelete())}>
            Delete
          </button>
        </span>
      </div>
    </article>
  );
}
