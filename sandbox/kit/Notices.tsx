import { useEffect, useState, type FormEvent } from "react";
import {
  resendVerification,
  resetPassword,
  takeEmailLink,
  useUser,
  verifyEmail,
  type EmailLink,
  type SandlotError,
} from "@sandlot/sdk";
import { Link, navigate } from "./router";

/**
 * What the Shell shows above every page: the outcome of a mail link the page was opened with, a
 * "check your inbox" note while the address is unconfirmed, and the creator's way to their own
 * pages. Every template gets them by using the Shell.
 */

type LinkState =
  | { kind: "none" }
  | { kind: "verifying" }
  | { kind: "verified" }
  | { kind: "reset"; token: string }
  | { kind: "reset-done" }
  | { kind: "failed"; message: string };

/** Reads the mail link once per page; a verify link is confirmed at once, a reset link asks for a password. */
export function useEmailLink(): [LinkState, (next: LinkState) => void] {
  const [state, setState] = useState<LinkState>({ kind: "none" });
  useEffect(() => {
    const handle = (): void => {
      const link: EmailLink | null = takeEmailLink();
      if (!link) return;
      if (link.kind === "reset") {
        setState({ kind: "reset", token: link.token });
        return;
      }
      setState({ kind: "verifying" });
      verifyEmail(link.token).then(
        () => setState({ kind: "verified" }),
        (e: SandlotError) => setState({ kind: "failed", message: linkFailure(e) }),
      );
    };
    handle();
    // A link opened in a tab already showing the app changes only the hash: no new page load.
    window.addEventListener("hashchange", handle);
    return () => window.removeEventListener("hashchange", handle);
  }, []);
  return [state, setState];
}

function linkFailure(e: SandlotError): string {
  if (e.code === "token_used") return "That link was already used. If you still need one, ask for a new link.";
  if (e.code === "token_expired") return "That link has expired. Ask for a new one.";
  return e.message || "That link did not work. Ask for a new one.";
}

export function LinkNotice(props: { state: LinkState; onDismiss(): void }) {
  const s = props.state;
  if (s.kind === "none" || s.kind === "reset") return null;
  const text =
    s.kind === "verifying"
      ? "Confirming your email…"
      : s.kind === "verified"
        ? "Your email is confirmed. Thank you!"
        : s.kind === "reset-done"
          ? "Your new password is set. Sign in with it."
          : s.message;
  return (
    <div className={s.kind === "failed" ? "alert kit-banner" : "notice kit-banner"} role="status">
      <span>{text}</span>
      {s.kind !== "verifying" && (
        <button type="button" className="linklike" onClick={props.onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}

/** "Choose a new password", opened from the reset mail's link. */
export function ResetPasswordForm(props: { token: string; onDone(): void }) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await resetPassword({ token: props.token, password });
      props.onDone();
      navigate("/signin");
    } catch (err) {
      setError((err as SandlotError).message || "Something went wrong. Try again.");
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="container">
      <section className="auth card" aria-labelledby="reset-title">
        <h1 id="reset-title">Choose a new password</h1>
        <p className="muted">Every device signed in to your account will be signed out.</p>
        <form onSubmit={submit}>
          <label className="field">
            <span>New password</span>
            <input
              type="password"
              autoComplete="new-password"
              required
              minLength={8}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <small className="muted">At least 8 characters; a few unrelated words work well.</small>
          </label>
          {error && (
            <p className="alert" role="alert">
              {error}
            </p>
          )}
          <button className="button primary wide" type="submit" disabled={busy}>
            {busy ? "One moment…" : "Set the new password"}
          </button>
        </form>
      </section>
    </div>
  );
}

/** While the signed-in address is unconfirmed: where the link went, and a way to get another. */
export function InboxNotice() {
  const { user } = useUser();
  const [sent, setSent] = useState<"idle" | "sending" | "sent" | "failed">("idle");
  if (!user || user.emailVerified !== false) return null;
  const resend = (): void => {
    setSent("sending");
    resendVerification().then(
      () => setSent("sent"),
      () => setSent("failed"),
    );
  };
  return (
    <div className="notice kit-banner" role="status" data-kit="inbox-notice">
      <span>
        Check your inbox: we sent a link to <strong>{user.email}</strong> to confirm it.
        {sent === "sent" && " A new link is on its way."}
        {sent === "failed" && " We could not send another one just now; try again later."}
      </span>
      <button type="button" className="linklike" onClick={resend} disabled={sent === "sending" || sent === "sent"}>
        Send the link again
      </button>
    </div>
  );
}

/** The creator's entry to their own pages, shown only to the creator (the server still decides). */
export function CreatorNotice(props: { page: { to: string; label: string } | undefined }) {
  const { isCreator } = useUser();
  if (!isCreator || !props.page) return null;
  return (
    <div className="notice kit-banner" data-kit="creator-notice">
      <span>You are the creator of this app.</span>
      <Link to={props.page.to} className="button small">
        {props.page.label}
      </Link>
    </div>
  );
}
