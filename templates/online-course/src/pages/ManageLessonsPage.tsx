import { useState, type ReactElement } from "react";
import { useCollection, useUser, type SandlotError } from "@sandlot/sdk";
import { AuthScreen, Empty, ErrorNote, Loading } from "@sandlot/kit";
import { LessonForm, type LessonDraft } from "../components/LessonForm";
import { inOrder, type Lesson } from "../lib/lessons";

/**
 * The creator's page (locked). Only the app's creator may write lessons (rule `creator` in
 * template.json); the server refuses anyone else with 403, which this page shows.
 */
export function ManageLessonsPage(): ReactElement {
  const { user, loading } = useUser();
  const lessons = useCollection("lessons", { limit: 100, sort: "position" });
  const [error, setError] = useState<SandlotError | null>(null);
  if (loading)
    return (
      <div className="container">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next="/manage" intro="Sign in with your creator account to write lessons." />
      </div>
    );
  const ordered = inOrder(lessons.items as unknown as Lesson[]);
  const nextPosition = (ordered.at(-1)?.position ?? 0) + 1;

  async function save(draft: LessonDraft): Promise<void> {
    await lessons.create({ ...draft });
  }
  function run(p: Promise<unknown>): void {
    setError(null);
    p.catch((e: SandlotError) => setError(e));
  }

  return (
    <div className="container stack">
      <h1>Manage lessons</h1>
      <p className="muted">
        For the course's creator. Everyone sees every lesson's title and summary; the content of a lesson that is not a
        free preview reaches students only.
      </p>
      <LessonForm nextPosition={nextPosition} onSave={save} />
      <ErrorNote error={error} />
      {lessons.loading && lessons.items.length === 0 ? (
        <Loading />
      ) : ordered.length === 0 ? (
        <Empty>No lessons yet: visitors see sample lessons until you add the first.</Empty>
      ) : (
        <ol className="manage-list" aria-label="Lessons">
          {ordered.map((l) => (
            <li key={l.id} className="card spread">
              <div>
                <strong>
                  {l.position}. {l.title}
                </strong>
                <div className="muted small">{l.free ? "Free preview" : "Students only"}</div>
              </div>
              <div className="row">
                <button
                  type="button"
                  className="button small"
                  onClick={() => run(lessons.update(l.id, { free: !l.free }))}
                >
                  {l.free ? "Make students only" : "Make free preview"}
                </button>
                <button type="button" className="button danger small" onClick={() => run(lessons.remove(l.id))}>
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
