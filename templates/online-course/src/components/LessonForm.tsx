import { useState, type FormEvent, type ReactElement } from "react";
import { ErrorNote } from "@sandlot/kit";
import type { SandlotError } from "@sandlot/sdk";

export interface LessonDraft {
  title: string;
  summary?: string;
  position: number;
  free: boolean;
  body?: string;
  videoUrl?: string;
}

/** The creator's form for a new lesson (locked). The server checks every length and the link. */
export function LessonForm(props: {
  nextPosition: number;
  onSave: (draft: LessonDraft) => Promise<void>;
}): ReactElement {
  const [title, setTitle] = useState("");
  const [summary, setSummary] = useState("");
  const [position, setPosition] = useState<number | null>(null);
  const [free, setFree] = useState(false);
  const [body, setBody] = useState("");
  const [videoUrl, setVideoUrl] = useState("");
  const [error, setError] = useState<SandlotError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await props.onSave({
        title: title.trim(),
        position: position ?? props.nextPosition,
        free,
        ...(summary.trim() ? { summary: summary.trim() } : {}),
        ...(body.trim() ? { body: body.trim() } : {}),
        ...(videoUrl.trim() ? { videoUrl: videoUrl.trim() } : {}),
      });
      setSaved(`Added “${title.trim()}”.`);
      setTitle("");
      setSummary("");
      setBody("");
      setVideoUrl("");
      setPosition(null);
      setFree(false);
    } catch (err) {
      setError(err as SandlotError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} aria-label="Add a lesson">
      <h2>Add a lesson</h2>
      <label className="field">
        <span>Title</span>
        <input type="text" required maxLength={160} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        <span>
          Summary <small className="muted">(public, shown in the syllabus)</small>
        </span>
        <input type="text" maxLength={400} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </label>
      <div className="row">
        <label className="field">
          <span>Number</span>
          <input
            type="number"
            min={1}
            max={1000}
            required
            value={position ?? props.nextPosition}
            onChange={(e) => setPosition(Number(e.target.value))}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={free} onChange={(e) => setFree(e.target.checked)} />
          <span>Free preview (everyone can read it)</span>
        </label>
      </div>
      <label className="field">
        <span>
          Lesson content <small className="muted">(students only unless free; blank line = new paragraph)</small>
        </span>
        <textarea rows={8} maxLength={50000} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <label className="field">
        <span>
          Video link <small className="muted">(optional)</small>
        </span>
        <input type="url" maxLength={2000} value={videoUrl} onChange={(e) => setVideoUrl(e.target.value)} />
      </label>
      <ErrorNote error={error} />
      {saved && (
        <p className="notice" role="status">
          {saved}
        </p>
      )}
      <p>
        <button className="button primary" type="submit" disabled={busy || title.trim() === ""}>
          {busy ? "Adding…" : "Add lesson"}
        </button>
      </p>
    </form>
  );
}
