import { useState } from "react";
import { api, type StudioTypes } from "../lib/api";
import { formatDateTime, safeHttpUrl } from "../lib/format";
import { useSession } from "../session";
import { Badge, ErrorBanner } from "../components/ui";
import { TokensPanel } from "../components/TokensPanel";

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

  return (
    <div className="stack narrow">
      <div>
        <h1>Account</h1>
        <p className="muted">Your Sandlot account and tokens.</p>
      </div>
      <section className="card panel">
        <h2>You</h2>
        <dl className="kv">
          <dt>Email</dt>
          <dd>{creator.email}</dd>
          <dt>Plan</dt>
          <dd>
            <Badge tone={creator.plan === "free" ? "neutral" : "accent"}>{creator.plan}</Badge>
          </dd>
          <dt>Member since</dt>
          <dd>{formatDateTime(creator.createdAt)}</dd>
        </dl>
        <ErrorBanner error={error} />
        {creator.plan === "free" && (
          <button type="button" className="btn" onClick={() => void upgrade()} disabled={busy}>
            {busy ? "Opening checkout…" : "Upgrade plan"}
          </button>
        )}
      </section>
      <TokensPanel />
    </div>
  );
}
