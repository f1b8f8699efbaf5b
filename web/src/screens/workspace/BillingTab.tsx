import { useEffect, useState } from "react";
import { api, type BillingEvent } from "../../lib/api";
import { isMissingEndpoint } from "../../lib/api-core";
import { formatDateTime, safeHttpUrl } from "../../lib/format";
import { Badge, ErrorBanner, NotYet, Spinner } from "../../components/ui";

type Loadable<T> = { state: "loading" } | { state: "missing" } | { state: "error"; error: unknown } | { state: "ok"; data: T };

function useLoad<T>(path: string, pick: (body: unknown) => T, key = 0): Loadable<T> {
  const [v, setV] = useState<Loadable<T>>({ state: "loading" });
  useEffect(() => {
    let live = true;
    setV({ state: "loading" });
    api<unknown>("GET", path)
      .then((b) => live && setV({ state: "ok", data: pick(b) }))
      .catch((error) => live && setV(isMissingEndpoint(error) ? { state: "missing" } : { state: "error", error }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, key]);
  return v;
}

const rec = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "");

function ConnectCard() {
  const [key, setKey] = useState(0);
  const connect = useLoad("/api/billing/connect", (b) => rec(rec(b).connection ?? rec(b).connect ?? b), key);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = rec(await api<unknown>("POST", "/api/billing/connect", {}));
      const url = safeHttpUrl(r.url);
      if (url) window.open(url, "_blank", "noopener,noreferrer");
      setKey((k) => k + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (connect.state === "loading") body = <Spinner label="Checking payouts" />;
  else if (connect.state === "missing") body = <NotYet what="Stripe Connect" />;
  else if (connect.state === "error") body = <ErrorBanner error={connect.error} />;
  else {
    // { connection: { state: "none" | "pending" | "connected" | "dev", accountId } }
    const state = str(connect.data.state) || "none";
    const accountId = str(connect.data.accountId);
    const ready = state === "connected" || state === "dev";
    const label: Record<string, string> = {
      none: "Not connected",
      pending: "Setup not finished",
      connected: "Ready to take payments",
      dev: "Development mode (test payments, no Stripe account)",
    };
    body = (
      <>
        <p>
          <Badge tone={ready ? "good" : state === "pending" ? "warn" : "neutral"}>{label[state] ?? state}</Badge>
        </p>
        {accountId && (
          <dl className="kv">
            <dt>Stripe account</dt>
            <dd className="mono">{accountId}</dd>
          </dl>
        )}
        {!ready && (
          <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={busy}>
            {busy ? "Opening Stripe…" : state === "pending" ? "Finish setup with Stripe" : "Connect with Stripe"}
          </button>
        )}
      </>
    );
  }
  return (
    <section className="card panel">
      <h2>Getting paid</h2>
      <p className="muted">Your customers pay you through Stripe. Sandlot never sees card details.</p>
      <ErrorBanner error={error} />
      {body}
    </section>
  );
}

function statusTone(s: string): "good" | "warn" | "bad" | "neutral" {
  if (s === "applied") return "good";
  if (s === "ignored") return "warn";
  if (s === "rejected") return "bad";
  return "neutral";
}

export function BillingTab({ slug }: { slug: string }) {
  const [key, setKey] = useState(0);
  const events = useLoad(`/api/apps/${encodeURIComponent(slug)}/billing/events`, (b) => (Array.isArray(rec(b).events) ? (rec(b).events as BillingEvent[]) : []), key);
  const subs = useLoad(`/api/apps/${encodeURIComponent(slug)}/billing/subscribers`, (b) => (Array.isArray(rec(b).subscribers) ? (rec(b).subscribers as unknown[]) : []), key);

  return (
    <div className="tab-page stack">
      <div className="page-head">
        <div>
          <h1>Billing</h1>
          <p className="muted">Payments, subscribers and what Stripe told Sandlot about them.</p>
        </div>
        <button type="button" className="btn" onClick={() => setKey((k) => k + 1)}>
          Refresh
        </button>
      </div>
      <ConnectCard />
      <section className="card panel">
        <h2>Subscribers</h2>
        {subs.state === "loading" ? (
          <Spinner label="Loading subscribers" />
        ) : subs.state === "missing" ? (
          <NotYet what="The subscriber list" />
        ) : subs.state === "error" ? (
          <ErrorBanner error={subs.error} />
        ) : subs.data.length === 0 ? (
          <p className="muted">No subscribers yet. When someone pays for a plan, they appear here.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Plan</th>
                  <th scope="col">Status</th>
                  <th scope="col">Renews</th>
                </tr>
              </thead>
              <tbody>
                {subs.data.map((s, i) => {
                  const r = rec(s);
                  return (
                    <tr key={str(r.id) || i}>
                      <td>{str(r.email) || str(r.userId) || "—"}</td>
                      <td>{str(r.plan) || "—"}</td>
                      <td>
                        <Badge tone={r.status === "active" || r.status === "trialing" ? "good" : "neutral"}>{str(r.status) || "—"}</Badge>
                      </td>
                      <td>{formatDateTime(r.currentPeriodEnd as number | string | undefined)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card panel">
        <h2>Payment events</h2>
        <p className="muted">Every message from Stripe, and what Sandlot did with it. “Ignored” events were duplicates or older than what Sandlot already knew.</p>
        {events.state === "loading" ? (
          <Spinner label="Loading events" />
        ) : events.state === "missing" ? (
          <NotYet what="The event log" />
        ) : events.state === "error" ? (
          <ErrorBanner error={events.error} />
        ) : events.data.length === 0 ? (
          <p className="muted">No events yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Received</th>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {events.data.map((e) => (
                  <tr key={str(e.id)}>
                    <td>{formatDateTime(e.receivedAt)}</td>
                    <td>
                      <span className="mono">{str(e.type)}</span>
                      <br />
                      <span className="muted mono small">{str(e.id)}</span>
                    </td>
                    <td>
                      <Badge tone={statusTone(str(e.status))}>{str(e.status)}</Badge>
                    </td>
                    <td>{str(e.reason) || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
