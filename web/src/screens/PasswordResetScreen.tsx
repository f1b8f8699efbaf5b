import { type FormEvent, useId, useState } from "react";
import { AuthFrame } from "../components/AuthFrame";
import { PasswordInput } from "../components/PasswordInput";
import { ErrorBanner, Link, Notice } from "../components/ui";
import { ApiError, api, type Mail, type StudioTypes } from "../lib/api";
import { linkify } from "../lib/mail";
import { takeResetToken } from "../lib/reset-link";

/**
 * "Forgot your password?": asks for a reset link by mail. The answer is the same whether or not the
 * address has an account (T21). In development no mail leaves the machine, so the page shows the
 * message the studio's mailbox kept (GET /api/dev/outbox, which does not exist anywhere else).
 */
export function ForgotPasswordScreen() {
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [devMail, setDevMail] = useState<Mail | null>(null);
  const ids = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api<StudioTypes["accepted"]>("POST", "/api/auth/reset/request", { email });
      setSentTo(email);
      setDevMail(await developmentMail(email));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame>
      <form className="auth-card" onSubmit={submit} aria-labelledby={`${ids}-title`} noValidate>
        <h1 id={`${ids}-title`}>Reset your password</h1>
        {sentTo ? (
          <>
            <Notice tone="success">
              If <strong>{sentTo}</strong> has a Sandlot account, a link to choose a new password is on its way. It
              works for 1 hour.
            </Notice>
            {devMail && <DevelopmentMail mail={devMail} />}
          </>
        ) : (
          <>
            <p className="muted">Enter the email you signed up with and we will send you a link.</p>
            <ErrorBanner error={error} />
            <div className="field">
              <label htmlFor={`${ids}-email`}>Email</label>
              <input
                id={`${ids}-email`}
                type="email"
                autoComplete="email"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                // biome-ignore lint/a11y/noAutofocus: asking for the address is the only thing this page is for
                autoFocus
              />
            </div>
            <button type="submit" className="btn btn-primary btn-block" disabled={busy || email.trim() === ""}>
              {busy ? "Sending…" : "Send me a link"}
            </button>
          </>
        )}
        <p className="auth-switch">
          Remembered it? <Link to={{ name: "signin" }}>Sign in</Link>
        </p>
      </form>
    </AuthFrame>
  );
}

/** The newest reset mail to this address in the development mailbox; null wherever mail is really sent. */
async function developmentMail(email: string): Promise<Mail | null> {
  try {
    const { messages } = await api<StudioTypes["outbox"]>("GET", "/api/dev/outbox?limit=20");
    const wanted = email.trim().toLowerCase();
    return messages.find((m) => m.kind === "reset" && m.to.toLowerCase() === wanted) ?? null;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

function DevelopmentMail({ mail }: { mail: Mail }) {
  return (
    <section className="card panel dev-mail" aria-label="The mail, as kept in development">
      <p className="hint">
        This studio runs in development, so mail stays here instead of being sent. The message to {mail.to}:
      </p>
      <p className="dev-mail-subject">{mail.subject}</p>
      <p className="dev-mail-text">
        {linkify(mail.text).map((part, i) =>
          part.kind === "link" ? (
            <a key={i} href={part.href}>
              {part.text}
            </a>
          ) : (
            <span key={i}>{part.text}</span>
          ),
        )}
      </p>
    </section>
  );
}

type ResetState = { step: "form" } | { step: "done" };

/** The mailed link's page: choose a new password. Every session and API token ends with the old one (T25). */
export function ResetPasswordScreen() {
  const [token] = useState(takeResetToken);
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [state, setState] = useState<ResetState>({ step: "form" });
  const ids = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!token) return;
    setBusy(true);
    setError(null);
    try {
      await api<StudioTypes["accepted"]>("POST", "/api/auth/reset", { token, password });
      setState({ step: "done" });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame>
      <form className="auth-card" onSubmit={submit} aria-labelledby={`${ids}-title`} noValidate>
        <h1 id={`${ids}-title`}>Choose a new password</h1>
        {!token ? (
          <>
            <Notice tone="warn">
              This page needs the link from your reset email. Open the link from the message, or ask for a new one.
            </Notice>
            <Link className="btn btn-block" to={{ name: "forgot" }}>
              Send me a new link
            </Link>
          </>
        ) : state.step === "done" ? (
          <>
            <Notice tone="success">
              Your password is changed. Every device that was signed in has been signed out, and your API tokens were
              revoked.
            </Notice>
            <Link className="btn btn-primary btn-block" to={{ name: "signin" }}>
              Sign in with the new password
            </Link>
          </>
        ) : (
          <>
            <ErrorBanner error={error} />
            {error instanceof ApiError && error.status === 410 && (
              <Link className="btn btn-block" to={{ name: "forgot" }}>
                Send me a new link
              </Link>
            )}
            <div className="field">
              <label htmlFor={`${ids}-password`}>New password</label>
              <PasswordInput
                id={`${ids}-password`}
                value={password}
                onChange={setPassword}
                autoComplete="new-password"
                minLength={8}
                describedBy={`${ids}-pw-hint`}
                autoFocus
              />
              <p className="hint" id={`${ids}-pw-hint`}>
                At least 8 characters. Choosing it signs you out everywhere.
              </p>
            </div>
            <button type="submit" className="btn btn-primary btn-block" disabled={busy || password === ""}>
              {busy ? "Saving…" : "Save the new password"}
            </button>
          </>
        )}
      </form>
    </AuthFrame>
  );
}
