/**
 * Habit card (blank): one habit on today's page. Props: name, doneToday, current and longest
 * (streaks in days), week (7 booleans, oldest first, today last), busy, onToggle(), onRemove().
 */
export default function HabitCard(props: {
  name: string;
  doneToday: boolean;
  current: number;
  longest: number;
  week: boolean[];
  busy: boolean;
  onToggle: () => void;
  onRemove: () => void;
}) {
  return (
    <div className={`card habit${props.doneToday ? " done" : ""}`}>
      <button
        type="button"
        className="tick"
        aria-pressed={props.doneToday}
        onClick={props.onToggle}
        disabled={props.busy}
      >
        <span aria-hidden="true">{props.doneToday ? "✓" : ""}</span>
        <span className="visually-hidden">Done today: {props.name}</span>
      </button>
      <div className="habit-body">
        <strong>{props.name}</strong>
        <span className="muted small">
          {props.current > 0 ? `${props.current}-day streak` : "No streak yet"} · best {props.longest}
        </span>
        <span className="week" role="img" aria-label={`Last 7 days: ${props.week.filter(Boolean).length} done`}>
          {props.week.map((d, i) => (
            <span key={i} className={d ? "dot on" : "dot"} />
          ))}
        </span>
      </div>
      <button type="button" className="button small" onClick={props.onRemove} aria-label={`Remove ${props.name}`}>
        Remove
      </button>
    </div>
  );
}
