import { type FormEvent, useId, useState } from "react";
import { api, type StudioTypes } from "../lib/api";
import { formatDateTime, safeHttpUrl } from "../lib/format";
import { useSession } from "../session";
import { Badge, ErrorBanner, Notice } from "../components/ui";
import { TokensPanel } from "../components/TokensPanel";
import { PlanAllowance } from "../components/PlanLimits";
import { invalidate } from "../lib/queries";

export function AccountScreen() {
  const { creator } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const upgrade = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<StudioTypes["checkout"]>("POST", "/api/billing/checkout", { plan: "pro" });
      const url = safeHttpUrl(r.url);
      if (url) window.location.assign(url);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const returned = checkoutReturn();
  return (
    <div className="stack narrow">
      <div>
        <h1>Account</h1>
        <p className="muted">Your Sandlot account, sign-in and tokens.</p>
      </div>
      {returned === "success" &&
        (creator.plan === "free" ? (
          <Notice tone="info">Payment received. Your plan will change as soon as the payment is confirmed.</Notice>
        ) : (
          <Notice tone="success">
            Payment received. You are now on the {creator.plan} plan
            {creator.plan === "pro" ? ": more apps, more storage" : ""}. Thank you!
          </Notice>
        ))}
      {returned === "cancel" && <Notice tone="info">Checkout was cancelled. Nothing was charged.</Notice>}
      <section className="card panel">
        <h2>You</h2>
        <dl className="kv">
          <dt>Email</dt>
          <dd>{creator.email}</dd>
          <dt>Plan</dt>
          <dd>
            <Badge tone={creator.plan === "free" ? "neutral" : "accent"}>{creator.plan}</Badge>
          </dd>
          <dt>Includes</dt>
          <dd>
            <PlanAllowance />
          </dd>
          <dt>Member since</dt>
          <dd>{formatDateTime(creator.createdAt)}</dd>
        </dl>
        <ErrorBanner error={error} />
        {creator.plan === "free" && (
          <button type="button" className="btn" onClick={() => void upgrade()} disabled={busy}>
            {busy ? "Opening checkout…" : "Upgrade to Pro"}
          </button>
        )}
      </section>
      {/* A password change revokes every token: the list is read again. */}
      <PasswordPanel onChanged={() => void invalidate("tokens")} />
      <SessionsPanel />
      <TokensPanel />
    </div>
  );
}

/** Change password: the server ends every other session and revokes every API token. */
function PasswordPanel({ onChanged }: { onChanged(): void }) {
  const ids = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const mismatch = repeat !== "" && next !== repeat;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== repeat) return;
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api("POST", "/api/auth/password", { currentPassword: current, newPassword: next }, { quiet401: true });
      setCurrent("");
      setNext("");
      setRepeat("");
      setDone(true);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card panel" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Password</h2>
      <p className="muted">
        Changing it signs you out on every other device and revokes all your API tokens. This browser stays signed in.
      </p>
      {done && (
        <Notice tone="success">
          Password changed. Other devices were signed out and your API tokens were revoked.
        </Notice>
      )}
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      <form className="stack-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${ids}-current`}>Current password</label>
          <input
            id={`${ids}-current`}
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-new`}>New password</label>
          <input
            id={`${ids}-new`}
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            aria-describedby={`${ids}-new-hint`}
          />
          <p className="hint" id={`${ids}-new-hint`}>
            At least 8 characters; a long passphrase is best.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-repeat`}>New password again</label>
          <input
            id={`${ids}-repeat`}
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            aria-invalid={mismatch}
            aria-describedby={`${ids}-repeat-hint`}
          />
          <p className={`hint${mismatch ? " hint-error" : ""}`} id={`${ids}-repeat-hint`}>
            {mismatch ? "The two new passwords are not the same." : ""}
          </p>
        </div>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy || !current || next.length < 8 || next !== repeat}
        >
          {busy ? "Changing…" : "Change password"}
        </button>
      </form>
    </section>
  );
}

/** Sign out everywhere: every session of this account ends, this one too. */
function SessionsPanel() {
  const ids = useId();
  const { signOut } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const everywhere = async () => {
    setBusy(true);
    setError(null);
    try {
      await api("DELETE", "/api/auth/sessions", undefined, { quiet401: true });
      await signOut();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="card panel" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Where you are signed in</h2>
      <p className="muted">
        Lost a device, or signed in on a shared computer? Sign out everywhere, this browser included. API tokens are not
        affected; revoke those below.
      </p>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {confirming ? (
        <div className="row">
          <button type="button" className="btn btn-danger" onClick={() => void everywhere()} disabled={busy}>
            {busy ? "Signing out…" : "Yes, sign out everywhere"}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => setConfirming(false)} disabled={busy}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="btn" onClick={() => setConfirming(true)}>
          Sign out everywhere
        </button>
      )}
    </section>
  );
}

/** How a plan checkout sent the creator back (`/billing?checkout=…`). */
function checkoutReturn(): "success" | "cancel" | null {
  const v = new URLSearchParams(window.location.search).get("checkout");
  return v === "success" || v === "cancel" ? v : null;
}
