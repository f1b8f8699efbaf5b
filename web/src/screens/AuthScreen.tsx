import { useId, useState, type FormEvent } from "react";
import { api, type Creator, type StudioTypes } from "../lib/api";
import { ErrorBanner, Link } from "../components/ui";
import { AuthFrame } from "../components/AuthFrame";
import { PasswordInput } from "../components/PasswordInput";

export function AuthScreen({ mode, onSignedIn }: { mode: "signin" | "signup"; onSignedIn(creator: Creator): void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ids = useId();
  const signup = mode === "signup";

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<StudioTypes["creator"]>(
        "POST",
        signup ? "/api/auth/signup" : "/api/auth/login",
        { email, password },
        { quiet401: true },
      );
      onSignedIn(r.creator);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame>
      <form className="auth-card" onSubmit={submit} aria-labelledby={`${ids}-title`} noValidate>
        <h1 id={`${ids}-title`}>{signup ? "Create your account" : "Welcome back"}</h1>
        <p className="muted">{signup ? "Start building in a minute. No card needed." : "Sign in to keep building."}</p>
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
            // biome-ignore lint/a11y/noAutofocus: signing in is the only thing this page is for
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-password`}>Password</label>
          <PasswordInput
            id={`${ids}-password`}
            value={password}
            onChange={setPassword}
            autoComplete={signup ? "new-password" : "current-password"}
            minLength={signup ? 8 : undefined}
            describedBy={signup ? `${ids}-pw-hint` : undefined}
          />
          {signup ? (
            <p className="hint" id={`${ids}-pw-hint`}>
              Use a long passphrase — at least 8 characters.
            </p>
          ) : (
            <p className="hint">
              <Link to={{ name: "forgot" }}>Forgot your password?</Link>
            </p>
          )}
        </div>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? (signup ? "Creating account…" : "Signing in…") : signup ? "Create account" : "Sign in"}
        </button>
        <p className="auth-switch">
          {signup ? "Already have an account? " : "New to Sandlot? "}
          <Link to={{ name: signup ? "signin" : "signup" }}>{signup ? "Sign in" : "Create an account"}</Link>
        </p>
      </form>
    </AuthFrame>
  );
}
