import type { ReactNode } from "react";

/** Loading, empty and error states, so every screen says what is going on. */
export function Loading(props: { label?: string }) {
  return (
    <p className="status" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {props.label ?? "Loading…"}
    </p>
  );
}

/** The server's own sentence for a failed call (SandlotError.message); nothing when null. */
export function ErrorNote(props: { error: { message: string } | null | undefined }) {
  if (!props.error) return null;
  return (
    <p className="alert" role="alert">
      {props.error.message}
    </p>
  );
}

export function Empty(props: { children: ReactNode }) {
  return <div className="empty">{props.children}</div>;
}
