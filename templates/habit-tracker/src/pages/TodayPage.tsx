import { type FormEvent, useState } from "react";
import { type SandlotError, useUser } from "@sandlot/sdk";
import { Empty, ErrorNote, Link, Loading } from "@sandlot/kit";
import HabitCard from "../blanks/HabitCard";
import Intro from "../blanks/Intro";
import { friendly } from "../lib/messages";
import { currentStreak, lastWeek, localToday, longestStreak } from "../lib/streaks";
import type { Checkin } from "../lib/types";
import { useCheckins, useHabits } from "../lib/useAll";

/**
 * Today's habits (locked). Everything is the person's own (rules: `owner`); the server keeps one
 * check-in per habit and day (409) and the number of habits per plan (429); streaks are computed here.
 */
export function TodayPage() {
  const { user, loading } = useUser();
  if (loading) return <Loading />;
  if (!user) return <Intro />;
  return <Habits />;
}

function Habits() {
  const habits = useHabits();
  const checkins = useCheckins();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<SandlotError | null>(null);
  const today = localToday();
  const byHabit = new Map<string, Checkin[]>();
  for (const c of checkins.items) byHabit.set(c.habitId, [...(byHabit.get(c.habitId) ?? []), c]);

  async function run(key: string, what: "habit" | "checkin", fn: () => Promise<unknown>): Promise<void> {
    setBusy(key);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(friendly(e as SandlotError, what));
    } finally {
      setBusy(null);
    }
  }

  function add(e: FormEvent<HTMLFormElement>): void {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    void run("new", "habit", async () => {
      await habits.create({ name: trimmed });
      setName("");
    });
  }

  function toggle(habitId: string): void {
    const done = (byHabit.get(habitId) ?? []).find((c) => c.day === today);
    void run(habitId, "checkin", () => (done ? checkins.remove(done.id) : checkins.create({ habitId, day: today })));
  }

  function removeHabit(habitId: string, habitName: string): void {
    if (!window.confirm(`Remove "${habitName}" and its history?`)) return;
    // Its check-ins first: they would otherwise still count against the plan's limit.
    void run(habitId, "habit", async () => {
      for (const c of byHabit.get(habitId) ?? []) await checkins.remove(c.id);
      await habits.remove(habitId);
    });
  }

  const ready = !(habits.loading && habits.habits.length === 0) && !(checkins.loading && checkins.items.length === 0);
  return (
    <div className="container narrow stack">
      <div className="spread">
        <h1>Today</h1>
        <span className="muted">
          {new Date().toLocaleDateString(undefined, { weekday: "long", month: "long", day: "numeric" })}
        </span>
      </div>
      <ErrorNote error={habits.error ?? checkins.error} />
      <ErrorNote error={error} />
      {!ready ? (
        <Loading label="Loading your habits…" />
      ) : habits.habits.length === 0 ? (
        <Empty>No habits yet. Add the first one below: something small you want to do every day.</Empty>
      ) : (
        <ul className="habit-list">
          {habits.habits.map((h) => {
            const days = (byHabit.get(h.id) ?? []).map((c) => c.day);
            return (
              <li key={h.id}>
                <HabitCard
                  name={h.name}
                  doneToday={days.includes(today)}
                  current={currentStreak(days, today)}
                  longest={longestStreak(days)}
                  week={lastWeek(days, today)}
                  busy={busy === h.id}
                  onToggle={() => toggle(h.id)}
                  onRemove={() => removeHabit(h.id, h.name)}
                />
              </li>
            );
          })}
        </ul>
      )}
      <form className="row add-habit" onSubmit={add}>
        <label className="field">
          <span>New habit</span>
          <input
            type="text"
            required
            maxLength={80}
            value={name}
            placeholder="Walk 20 minutes"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" className="button primary" disabled={busy === "new" || name.trim() === ""}>
          {busy === "new" ? "Adding…" : "Add habit"}
        </button>
      </form>
      <p className="muted small">
        Only you can see your habits. <Link to="/history">History and download</Link>
      </p>
    </div>
  );
}
