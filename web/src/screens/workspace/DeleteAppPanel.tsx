import { type FormEvent, useId, useState } from "react";
import { ErrorBanner } from "../../components/ui";
import { type AppSummary, api, type StudioTypes } from "../../lib/api";
import { invalidate } from "../../lib/queries";
import { formatDateTime } from "../../lib/format";
import { navigate } from "../../lib/router";

/**
 * Deleting an app for good (DELETE /api/apps/:slug). The server asks for the app's address typed
 * out; the field here only mirrors that, so the button stays off until the two match.
 */
export function DeleteAppPanel({ app }: { app: AppSummary }) {
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ids = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { deleted } = await api<StudioTypes["appDeleted"]>("DELETE", `/api/apps/${encodeURIComponent(app.slug)}`, {
        confirm: typed.trim(),
      });
      await invalidate("apps");
      navigate({ name: "apps" }, { replace: true, notice: deletedNotice(deleted) });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="card panel danger-zone" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Delete this app</h2>
      <p className="muted">
        Deleting <strong>{app.name}</strong> removes its published site, every end user's account and data, its uploads
        and all its versions. It cannot be undone. The address <span className="mono">{app.slug}</span> stays reserved
        for 30 days, so nobody else can pick it up while visitors still have it bookmarked.
      </p>
      <form onSubmit={submit} className="stack-small" noValidate>
        <ErrorBanner error={error} />
        <div className="field">
          <label htmlFor={`${ids}-confirm`}>
            Type <span className="mono">{app.slug}</span> to confirm
          </label>
          <input
            id={`${ids}-confirm`}
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-danger" disabled={busy || typed.trim() !== app.slug}>
          {busy ? "Deleting…" : "Delete this app for good"}
        </button>
      </form>
    </section>
  );
}

function deletedNotice(deleted: StudioTypes["appDeleted"]["deleted"]): string {
  const held = `Its address stays reserved until ${formatDateTime(deleted.heldUntil)}.`;
  return deleted.purged
    ? `${deleted.slug} was deleted. ${held}`
    : `${deleted.slug} was deleted; the last of its files are being removed in the background. ${held}`;
}
