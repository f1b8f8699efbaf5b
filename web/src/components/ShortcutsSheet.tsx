/** `?` anywhere outside a text field opens the keyboard shortcuts; Escape closes them. */
import { type JSX, useEffect, useState } from "react";
import { Dialog } from "./Dialog";

const SHORTCUTS: Array<[keys: string[], what: string]> = [
  [["?"], "Show these shortcuts"],
  [["Ctrl", "S"], "Save all blanks"],
  [["Ctrl", "Z"], "Undo (each blank keeps its own history)"],
  [["Ctrl", "Shift", "Z"], "Redo"],
  [["Ctrl", "F"], "Find and replace in the blank"],
  [["Ctrl", "Space"], "Suggest completions"],
  [["Ctrl", "/"], "Comment or uncomment lines"],
  [["Tab"], "Indent (Shift+Tab: outdent)"],
  [["Esc", "Tab"], "Leave the editor"],
  [["Alt", "↑/↓"], "Move the line up or down"],
  [["F8"], "Go to the next problem"],
];

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function ShortcutsSheet(): JSX.Element | null {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === "?" && !e.ctrlKey && !e.metaKey && !e.altKey && !typingIn(e.target)) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  if (!open) return null;
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  return (
    <Dialog open title="Keyboard shortcuts" onClose={() => setOpen(false)} testId="shortcuts">
      <dl className="shortcuts">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={what} style={{ display: "contents" }}>
            <dt>
              {keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && " "}
                  <kbd>{mac && k === "Ctrl" ? "⌘" : k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
