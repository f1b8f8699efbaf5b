import { useState } from "react";

/** A password input with a Show/Hide toggle (people mistype passwords they cannot see). */
export function PasswordInput(props: {
  id: string;
  value: string;
  onChange(value: string): void;
  autoComplete: "new-password" | "current-password";
  minLength?: number;
  describedBy?: string;
  autoFocus?: boolean;
}) {
  const [shown, setShown] = useState(false);
  return (
    <div className="input-with-action">
      <input
        id={props.id}
        type={shown ? "text" : "password"}
        autoComplete={props.autoComplete}
        required
        minLength={props.minLength}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-describedby={props.describedBy}
        // biome-ignore lint/a11y/noAutofocus: only where the page exists for this one field
        autoFocus={props.autoFocus}
      />
      <button
        type="button"
        className="btn btn-ghost btn-small"
        onClick={() => setShown((s) => !s)}
        aria-pressed={shown}
      >
        {shown ? "Hide" : "Show"}
      </button>
    </div>
  );
}
