/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert and
 * Escape closes it (reported through onClose). Tab and Shift+Tab wrap inside it, so focus cannot
 * leave for the browser's own controls either, and focus returns to what had it before (the
 * opener). The one dialog primitive of the studio; `ConfirmDialog` is the yes/no kind.
 */
import { type JSX, type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from "react";

interface Props {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Wide dialogs hold diffs. */
  size?: "normal" | "wide";
  testId?: string;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

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

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>): void => {
    if (e.key !== "Tab" || !ref.current) return;
    const all = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    const first = all[0];
    const last = all.at(-1);
    if (!first || !last) return;
    const active = document.activeElement;
    if (e.shiftKey && (active === first || !ref.current.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !ref.current.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={onKeyDown}
    >
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

interface ConfirmProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel?: string;
  busy?: boolean;
  /** Shown above the buttons (an ErrorBanner, usually). */
  error?: ReactNode;
  tone?: "danger" | "primary";
  onConfirm(): void;
  onClose(): void;
  testId?: string;
}

/** A question with Cancel and one action; Escape and Cancel both close it without acting. */
export function ConfirmDialog(props: ConfirmProps): JSX.Element {
  const { title, children, confirmLabel, busyLabel, busy = false, error, tone = "danger", onConfirm, onClose } = props;
  return (
    <Dialog open title={title} onClose={onClose} testId={props.testId}>
      {children}
      {error}
      <div className="row dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className={`btn btn-${tone}`} disabled={busy} onClick={onConfirm}>
          {busy ? (busyLabel ?? confirmLabel) : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
