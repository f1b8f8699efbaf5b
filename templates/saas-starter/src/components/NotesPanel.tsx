import { useState, type FormEvent } from "react";
import { checkout, useCollection, useEntitlements, type SandlotError } from "@sandlot/sdk";
import { Empty, ErrorNote, Loading } from "@sandlot/kit";
import NoteCard from "../blanks/NoteCard";

export interface Note {
  id: string;
  title: string;
  body?: string;
  pinned?: boolean;
  updatedAt: number;
}

/**
 * Notes (locked): the user's own notes (the server scopes the list to the owner). The free
 * plan's limit is enforced by the server; when a create is refused for the limit this panel
 * offers the upgrade. Nothing here can lift the limit.
 */
export function NotesPanel() {
  const notes = useCollection("notes", { limit: 100 });
  const ent = useEntitlements();
  const [title, setTitle] = useState("");
  const [error, setError] = useState<SandlotError | null>(null);
  const [busy, setBusy] = useState(false);

  async function add(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await notes.create({ title: title.trim(), body: "", pinned: false });
      setTitle("");
    } catch (err) {
      setError(err as SandlotError);
    } finally {
      setBusy(false);
    }
  }

  const list = [...(notes.items as unknown as Note[])].sort((a, b) => Number(!!b.pinned) - Number(!!a.pinned));
  const overLimit = error && (error.status === 403 || error.status === 429 || error.status === 402) && !ent.has("pro");
  return (
    <section className="panel" aria-labelledby="notes-title">
      <div className="spread">
        <h2 id="notes-title">Notes</h2>
        <span className="muted small">
          {list.length}
          {ent.has("pro") ? " / 500" : " / 3"}
        </span>
      </div>
      <form className="row add" onSubmit={add}>
        <label className="visually-hidden" htmlFor="new-note">
          New note title
        </label>
        <input
          id="new-note"
          type="text"
          placeholder="Jot something down…"
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <button className="button primary" type="submit" disabled={busy}>
          Add
        </button>
      </form>
      {overLimit ? (
        <div className="notice" role="alert">
          <p>{error.message}</p>
          <button
            type="button"
            className="button primary small"
            onClick={() => void checkout("pro").catch((e: SandlotError) => setError(e))}
          >
            Upgrade to Pro
          </button>
        </div>
      ) : (
        <ErrorNote error={error ?? notes.error} />
      )}
      {notes.loading && list.length === 0 ? (
        <Loading />
      ) : list.length === 0 ? (
        <Empty>No notes yet.</Empty>
      ) : (
        <div className="grid">
          {list.map((n) => (
            <NoteCard
              key={n.id}
              note={n}
              onSave={(patch) => notes.update(n.id, patch).then(() => undefined)}
              onDelete={() => notes.remove(n.id)}
            />
          ))}
        </div>
      )}
    </section>
  );
}
