import { useEffect, useState, type FormEvent } from "react";
import {
  requestPasswordReset,
  signIn,
  signInProviders,
  signInWith,
  signUp,
  type SandlotError,
  type SignInProviderInfo,
} from "@sandlot/sdk";
import { navigate } from "./router";

export interface AuthScreenProps {
  /** The form it opens with; a link under the form switches to the other. */
  mode: "signin" | "signup";
  /** Route to go to once signed in. Default "/". */
  next?: string;
  /** A sentence under the heading (e.g. what an account is for). */
  intro?: string;
}

type Mode = "signin" | "signup" | "forgot";

/**
 * Sign in, sign up, and "forgot password" (a reset link by mail). The server sets an HttpOnly
 * session cookie; nothing is stored in the page. Errors are the server's own sentences.
 */
export function AuthScreen(props: AuthScreenProps) {
  // Keyed by mode: going from #/signin to #/signup renders the same element type in the same
  // place, which would otherwise keep the sign-in form (and its typed values) on screen.
  return <AuthForm key={props.mode} {...props} />;
}

const TITLES: Record<Mode, string> = {
  signin: "Welcome back",
  signup: "Create your account",
  forgot: "Reset your password",
};

/** The providers the creator enabled, asked once per page. */
let providersOnce: Promise<SignInProviderInfo[]> | null = null;

function useSignInProviders(): SignInProviderInfo[] {
  const [providers, setProviders] = useState<SignInProviderInfo[]>([]);
  useEffect(() => {
    let live = true;
    providersOnce ??= signInProviders();
    void providersOnce.then((p) => {
      if (live) setProviders(p);
    });
    return () => {
      live = false;
    };
  }, []);
  return providers;
}

/** "Continue with Google/GitHub": leaves for the provider, comes back signed in to `next`. */
function ProviderButtons(props: { next: string; onError: (message: string) => void }) {
  const providers = useSignInProviders();
  if (providers.length === 0) return null;
  return (
    <div className="providers">
      {providers.map((p) => (
        <button
          key={p.id}
          type="button"
          className={`button wide provider provider-${p.id}`}
          onClick={() => {
            try {
              signInWith(p.id, { returnTo: `/#${props.next}` });
            } catch (err) {
              props.onError((err as SandlotError).message);
            }
          }}
        >
          Continue with {p.name}
        </button>
      ))}
      <p className="or muted">
        <span>or with your email</span>
      </p>
    </div>
  );
}

function AuthForm(props: AuthScreenProps) {
  const [mode, setMode] = useState<Mode>(props.mode);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const switchTo = (next: Mode): void => {
    setMode(next);
    setError(null);
    setSentTo(null);
  };

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === "forgot") {
        await requestPasswordReset({ email });
        setSentTo(email);
        return;
      }
      if (mode === "signup") await signUp({ email, password });
      else await signIn({ email, password });
      navigate(props.next ?? "/");
    } catch (err) {
      setError((err as SandlotError).message || "Something went wrong. Try again.");
    } finally {
      setBusy(false);
    }
  }

  if (sentTo)
    return (
      <section className="auth card" aria-labelledby="auth-title">
        <h1 id="auth-title">Check your inbox</h1>
        <p role="status">
          If <strong>{sentTo}</strong> has an account here, a link to choose a new password is on its way. It works for
          one hour.
        </p>
        <button type="button" className="linklike" onClick={() => switchTo("signin")}>
          Back to sign in
        </button>
      </section>
    );

  return (
    <section className="auth card" aria-labelledby="auth-title">
      <h1 id="auth-title">{TITLES[mode]}</h1>
      {mode === "forgot" ? (
        <p className="muted">Enter the email you signed up with. We will mail you a link to choose a new password.</p>
      ) : (
        props.intro && <p className="muted">{props.intro}</p>
      )}
      {mode !== "forgot" && <ProviderButtons next={props.next ?? "/"} onError={setError} />}
      <form onSubmit={submit} noValidate={false}>
        <label className="field">
          <span>Email</span>
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        {mode !== "forgot" && (
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
            {mode === "signup" && (
              <small className="muted">At least 8 characters; a few unrelated words work well.</small>
            )}
          </label>
        )}
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <button className="button primary wide" type="submit" disabled={busy}>
          {busy ? "One moment…" : mode === "signup" ? "Sign up" : mode === "signin" ? "Sign in" : "Send the link"}
        </button>
      </form>
      {mode === "signin" && (
        <p className="switch">
          <button type="button" className="linklike" onClick={() => switchTo("forgot")}>
            Forgot password?
          </button>
        </p>
      )}
      <p className="switch">
        {mode === "signup" ? "Already have an account?" : mode === "signin" ? "New here?" : "Remembered it?"}{" "}
        <button type="button" className="linklike" onClick={() => switchTo(mode === "signin" ? "signup" : "signin")}>
          {mode === "signin" ? "Create an account" : "Sign in"}
        </button>
      </p>
    </section>
  );
}
