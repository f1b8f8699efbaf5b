/**
 * Slot card (blank): one open time. Props: slot {startsAt (ISO), durationMinutes, title?},
 * bookedByMe, selected, onSelect(). Render one button that calls onSelect.
 */
export default function SlotCard(props: {
  slot: { startsAt: string; durationMinutes: number; title?: string };
  bookedByMe: boolean;
  selected: boolean;
  onSelect: () => void;
}) {
  const { slot } = props;
  const time = new Date(slot.startsAt).toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
  return (
    <button
      type="button"
      className={`card slot${props.bookedByMe ? " mine" : ""}`}
      aria-pressed={props.selected}
      onClick={props.onSelect}
      disabled={props.bookedByMe}
    >
      <span className="time">{time}</span>
      <span className="muted small" style={{ display: "block" }}>
        {props.bookedByMe ? "Booked by you" : `${slot.durationMinutes} min${slot.title ? ` · ${slot.title}` : ""}`}
      </span>
    </button>
  );
}
