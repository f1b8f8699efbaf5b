import { useId, useState, type FormEvent } from "react";
import { api, type StudioTypes } from "../lib/api";
import { invalidate, useStudioQuery } from "../lib/queries";
import { formatDateTime, relativeTime } from "../lib/format";
import { CopyButton, ErrorBanner, Spinner } from "./ui";

/** Creator API tokens for the CLI: create (shown once), list, revoke. */
export function TokensPanel() {
  const ids = useId();
  const list = useStudioQuery("tokens", "/api/tokens");
  const tokens = list.data?.tokens ?? (list.isError ? [] : null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<StudioTypes["issuedToken"]>("POST", "/api/tokens", { name: name.trim() });
      setFresh({ name: r.name, token: r.token });
      setName("");
      await invalidate("tokens");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string) => {
    setError(null);
    try {
      await api("DELETE", `/api/tokens/${encodeURIComponent(id)}`);
      setConfirming(null);
      await invalidate("tokens");
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="card panel" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>API tokens</h2>
      <p className="muted">
        For the Sandlot command-line tool. A token acts as you: keep it secret, revoke it if it leaks.
      </p>
      <ErrorBanner error={error ?? list.error} onDismiss={() => setError(null)} />
      {fresh && (
        <div className="token-once" role="status">
          <p>
            <strong>Copy your new token “{fresh.name}” now.</strong> It won't be shown again.
          </p>
          <div className="token-value">
            <code className="mono" data-testid="new-token">
              {fresh.token}
            </code>
            <CopyButton text={fresh.token} />
          </div>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setFresh(null)}>
            I've copied it
          </button>
        </div>
      )}
      <form className="row" onSubmit={create}>
        <div className="field grow">
          <label htmlFor={`${ids}-name`}>Token name</label>
          <input
            id={`${ids}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={60}
            placeholder="My laptop"
            autoComplete="off"
          />
        </div>
        <button type="submit" className="btn btn-primary align-end" disabled={busy || !name.trim()}>
          {busy ? "Creating…" : "Create token"}
        </button>
      </form>
      {tokens === null ? (
        <Spinner label="Loading tokens" />
      ) : tokens.length === 0 ? (
        <p className="muted">No tokens yet.</p>
      ) : (
        <ul className="token-list">
          {tokens.map((t) => (
            <li key={t.id} className="token-row">
              <span>
                <strong>{t.name}</strong>
                <span className="muted small">
                  {" "}
                  · created {formatDateTime(t.createdAt)} ·{" "}
                  {t.lastUsedAt ? `used ${relativeTime(t.lastUsedAt)}` : "never used"}
                </span>
              </span>
              {confirming === t.id ? (
                <span className="row-tight">
                  <button type="button" className="btn btn-small btn-danger" onClick={() => void revoke(t.id)}>
                    Revoke now
                  </button>
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setConfirming(t.id)}
                  aria-label={`Revoke token ${t.name}`}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
