/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert,
 * keeps focus inside, and Escape closes it (reported through onClose), so keyboard users get the
 * behaviour of a real modal without a focus-trap library. Focus returns to what had it before.
 */
import { type JSX, type ReactNode, useEffect, useId, useRef } from "react";

interface Props {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Wide dialogs hold diffs. */
  size?: "normal" | "wide";
  testId?: string;
}

export function Dialog({ open, title, onClose, children, size = "normal", testId }: Props): JSX.Element | null {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const el = ref.current;
    if (!open || !el) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!el.open) el.showModal();
    const onCancel = (e: Event): void => {
      e.preventDefault();
      onCloseRef.current();
    };
    el.addEventListener("cancel", onCancel);
    return () => {
      el.removeEventListener("cancel", onCancel);
      if (el.open) el.close();
      before?.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog ref={ref} className={`dialog dialog-${size}`} aria-labelledby={titleId} data-testid={testId}>
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="banner-close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
