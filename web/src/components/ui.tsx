import { useEffect, useRef, useState, type ReactNode, type MouseEvent } from "react";
import { navigate, pathFor, type Route } from "../lib/router";
import { ApiError } from "../lib/api";

export function Spinner({ label, small }: { label: string; small?: boolean }) {
  return (
    <span className={`spinner${small ? " spinner-small" : ""}`} role="status">
      <span className="spinner-dot" aria-hidden="true" />
      <span className={small ? "visually-hidden" : "spinner-label"}>{label}</span>
    </span>
  );
}

/** An in-app link: a real <a href> (middle-click works) that navigates without reloading. */
export function Link({
  to,
  className,
  children,
  ...rest
}: {
  to: Route;
  className?: string;
  children: ReactNode;
  "aria-current"?: "page" | undefined;
}) {
  const href = pathFor(to);
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={href} className={className} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}

export function ErrorBanner({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  return (
    <div className="banner banner-error" role="alert">
      <span>{message}</span>
      {onDismiss && (
        <button type="button" className="banner-close" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}

export function Notice({ tone = "info", children }: { tone?: "info" | "success" | "warn"; children: ReactNode }) {
  return (
    <div className={`banner banner-${tone}`} role={tone === "success" ? "status" : undefined}>
      <span>{children}</span>
    </div>
  );
}

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <button
      type="button"
      className="btn btn-small"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => setCopied(false), 2000);
        } catch {
          setCopied(false);
        }
      }}
    >
      <span aria-live="polite">{copied ? "Copied" : label}</span>
    </button>
  );
}

export function Badge({
  tone = "neutral",
  children,
}: {
  tone?: "neutral" | "good" | "warn" | "bad" | "accent";
  children: ReactNode;
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
