import { useState, type FormEvent } from "react";
import { useCollection, type SandlotError } from "@sandlot/sdk";
import { Empty, ErrorNote, Loading } from "@sandlot/kit";

interface Task {
  id: string;
  title: string;
  done?: boolean;
}

/** Tasks (locked): the user's own to-do list, owner-scoped on the server. */
export function TasksPanel() {
  const tasks = useCollection("tasks", { limit: 100 });
  const [title, setTitle] = useState("");
  const [error, setError] = useState<SandlotError | null>(null);

  async function add(e: FormEvent): Promise<void> {
    e.preventDefault();
    setError(null);
    try {
      await tasks.create({ title: title.trim(), done: false });
      setTitle("");
    } catch (err) {
      setError(err as SandlotError);
    }
  }
  const list = tasks.items as unknown as Task[];
  const open = list.filter((t) => !t.done).length;
  return (
    <section className="panel" aria-labelledby="tasks-title">
      <div className="spread">
        <h2 id="tasks-title">Tasks</h2>
        <span className="muted small">{open} open</span>
      </div>
      <form className="row add" onSubmit={add}>
        <label className="visually-hidden" htmlFor="new-task">
          New task
        </label>
        <input
          id="new-task"
          type="text"
          placeholder="Add a task…"
          required
          maxLength={300}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <button className="button" type="submit">
          Add
        </button>
      </form>
      <ErrorNote error={error ?? tasks.error} />
      {tasks.loading && list.length === 0 ? (
        <Loading />
      ) : list.length === 0 ? (
        <Empty>Nothing to do. Nice.</Empty>
      ) : (
        <ul className="tasks">
          {list.map((t) => (
            <li key={t.id} className={t.done ? "done" : ""}>
              <label>
                <input
                  type="checkbox"
                  checked={!!t.done}
                  onChange={() => void tasks.update(t.id, { done: !t.done }).catch((e: SandlotError) => setError(e))}
                />
                <span>{t.title}</span>
              </label>
              <button
                type="button"
                className="linklike small"
                aria-label={`Delete task ${t.title}`}
                onClick={() => void tasks.remove(t.id).catch((e: SandlotError) => setError(e))}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
