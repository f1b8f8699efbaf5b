import { useState, type ReactNode } from "react";
import { api, type BillingEvent, type StudioTypes } from "../../lib/api";
import { formatDateTime, safeHttpUrl } from "../../lib/format";
import { Badge, ErrorBanner, Notice, Spinner } from "../../components/ui";
import { invalidate, useStudioQuery } from "../../lib/queries";

type ConnectionState = StudioTypes["connection"]["connection"]["state"];

const CONNECTION_LABEL: Record<ConnectionState, string> = {
  none: "Not connected",
  pending: "Setup not finished",
  connected: "Ready to take payments",
  dev: "Development mode (test payments, no Stripe account)",
};

function ConnectCard() {
  const connect = useStudioQuery("connection", "/api/billing/connect");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<StudioTypes["connectStarted"]>("POST", "/api/billing/connect", {});
      // Null when there is nothing to finish at Stripe (dev mode, already connected).
      const url = safeHttpUrl(r.url);
      if (url) window.open(url, "_blank", "noopener,noreferrer");
      await invalidate("connection");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  let body: ReactNode;
  if (connect.isPending) body = <Spinner label="Checking payouts" />;
  else if (connect.isError) body = <ErrorBanner error={connect.error} />;
  else {
    const { state, accountId } = connect.data.connection;
    const testMode = connect.data.testMode;
    const ready = state === "connected" || state === "dev";
    body = (
      <>
        <p>
          <Badge tone={ready ? "good" : state === "pending" ? "warn" : "neutral"}>{CONNECTION_LABEL[state]}</Badge>
        </p>
        {testMode || state === "dev" ? (
          <Notice tone="warn">
            <span data-testid="test-mode-note">
              Test mode: payments are not connected. Your customers see a page marked TEST MODE and no real money moves.
              Set up Stripe before you launch.
            </span>
          </Notice>
        ) : (
          accountId && (
            <dl className="kv">
              <dt>Stripe account</dt>
              <dd className="mono">{accountId}</dd>
            </dl>
          )
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

/** What a payment event means, in words; the Stripe type stays in the tooltip, the id under "Reference". */
const EVENT_LABELS: Record<string, string> = {
  "checkout.session.completed": "Checkout completed",
  "customer.subscription.created": "Subscription started",
  "customer.subscription.updated": "Subscription changed",
  "customer.subscription.deleted": "Subscription ended",
  "invoice.paid": "Payment received",
  "invoice.payment_succeeded": "Payment received",
  "invoice.payment_failed": "Payment failed",
  "account.updated": "Stripe account updated",
};
const eventLabel = (type: string): string => EVENT_LABELS[type] ?? type;

const STATUS_TONE: Record<BillingEvent["status"], "good" | "warn" | "bad"> = {
  applied: "good",
  ignored: "warn",
  rejected: "bad",
};

export function BillingTab({ slug }: { slug: string }) {
  const events = useStudioQuery("billingEvents", `/api/apps/${encodeURIComponent(slug)}/billing/events`);
  const subs = useStudioQuery("subscribers", `/api/apps/${encodeURIComponent(slug)}/billing/subscribers`);

  return (
    <div className="tab-page stack">
      <div className="page-head">
        <div>
          <h1>Billing</h1>
          <p className="muted">Payments, subscribers and what Stripe told Sandlot about them.</p>
        </div>
        <button type="button" className="btn" onClick={() => void Promise.all([events.refetch(), subs.refetch()])}>
          Refresh
        </button>
      </div>
      <ConnectCard />
      <section className="card panel">
        <h2>Subscribers</h2>
        {subs.isPending ? (
          <Spinner label="Loading subscribers" />
        ) : subs.isError ? (
          <ErrorBanner error={subs.error} />
        ) : subs.data.subscribers.length === 0 ? (
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
                {subs.data.subscribers.map((s) => (
                  <tr key={s.userId}>
                    <td>{s.email}</td>
                    <td>{s.plan}</td>
                    <td>
                      <Badge tone={s.status === "active" || s.status === "trialing" ? "good" : "neutral"}>
                        {s.status}
                      </Badge>
                    </td>
                    <td>{formatDateTime(s.currentPeriodEnd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card panel">
        <h2>Payment events</h2>
        <p className="muted">
          Every message from Stripe, and what Sandlot did with it. “Ignored” events were duplicates or older than what
          Sandlot already knew.
        </p>
        {events.isPending ? (
          <Spinner label="Loading events" />
        ) : events.isError ? (
          <ErrorBanner error={events.error} />
        ) : events.data.events.length === 0 ? (
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
                {events.data.events.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDateTime(e.receivedAt)}</td>
                    <td>
                      <span title={e.type}>{eventLabel(e.type)}</span>
                      <details>
                        <summary className="muted small">Reference</summary>
                        <span className="mono small">{e.id}</span>
                      </details>
                    </td>
                    <td>
                      <Badge tone={STATUS_TONE[e.status]}>{e.status}</Badge>
                    </td>
                    <td>{e.reason ?? "—"}</td>
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
