import { useState, type FormEvent } from "react";
import { signIn, signUp, type SandlotError } from "@sandlot/sdk";
import { navigate } from "./router";

export interface AuthScreenProps {
  /** The form it opens with; a link under the form switches to the other. */
  mode: "signin" | "signup";
  /** Route to go to once signed in. Default "/". */
  next?: string;
  /** A sentence under the heading (e.g. what an account is for). */
  intro?: string;
}

/**
 * Sign in and sign up. The server sets an HttpOnly session cookie; nothing is stored in the
 * page. Errors are the server's own sentences.
 */
export function AuthScreen(props: AuthScreenProps) {
  // Keyed by mode: going from #/signin to #/signup renders the same element type in the same
  // place, which would otherwise keep the sign-in form (and its typed values) on screen.
  return <AuthForm key={props.mode} {...props} />;
}

function AuthForm(props: AuthScreenProps) {
  const [mode, setMode] = useState(props.mode);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === "signup") await signUp({ email, password });
      else await signIn({ email, password });
      navigate(props.next ?? "/");
    } catch (err) {
      setError((err as SandlotError).message || "Something went wrong. Try again.");
    } finally {
      setBusy(false);
    }
  }

  const title = mode === "signup" ? "Create your account" : "Welcome back";
  return (
    <section className="auth card" aria-labelledby="auth-title">
      <h1 id="auth-title">{title}</h1>
      {props.intro && <p className="muted">{props.intro}</p>}
      <form onSubmit={submit} noValidate={false}>
        <label className="field">
          <span>Email</span>
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            autoComplete={mode === "signup" ? "new-password" : "current-password"}
            required
            minLength={mode === "signup" ? 8 : 1}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {mode === "signup" && <small className="muted">At least 8 characters.</small>}
        </label>
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <button className="button primary wide" type="submit" disabled={busy}>
          {busy ? "One moment…" : mode === "signup" ? "Sign up" : "Sign in"}
        </button>
      </form>
      <p className="switch">
        {mode === "signup" ? "Already have an account?" : "New here?"}{" "}
        <button
          type="button"
          className="linklike"
          onClick={() => {
            setMode(mode === "signup" ? "signin" : "signup");
            setError(null);
          }}
        >
          {mode === "signup" ? "Sign in" : "Create an account"}
        </button>
      </p>
    </section>
  );
}
