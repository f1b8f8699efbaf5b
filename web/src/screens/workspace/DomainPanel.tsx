import { type FormEvent, useCallback, useEffect, useId, useState } from "react";
import { ConfirmDialog } from "../../components/Dialog";
import { Badge, CopyButton, ErrorBanner, Notice, Spinner } from "../../components/ui";
import { type AppSummary, api, type StudioTypes } from "../../lib/api";
import { safeHttpUrl } from "../../lib/format";

type Domain = NonNullable<StudioTypes["domain"]["domain"]>;

const STATUS: Record<Domain["status"], { label: string; tone: "neutral" | "good" | "warn" | "bad" }> = {
  pending: { label: "Waiting for proof", tone: "neutral" },
  verifying: { label: "Issuing certificate", tone: "warn" },
  active: { label: "Live", tone: "good" },
  failed: { label: "Failed", tone: "bad" },
};

/** How often the panel asks again while Cloudflare issues the certificate. */
const POLL_MS = 5_000;

/**
 * The app's custom domain (docs/domains.md): add one, put the TXT record in place, Verify, watch
 * the certificate go live, remove it. Every rule is the server's; this panel shows what it said.
 */
export function DomainPanel({ app }: { app: AppSummary }) {
  const path = `/api/apps/${encodeURIComponent(app.slug)}/domain`;
  const ids = useId();
  const [domain, setDomain] = useState<Domain | null | undefined>(undefined);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState<"add" | "verify" | "remove" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);

  const load = useCallback(async (): Promise<void> => {
    try {
      setDomain((await api<StudioTypes["domain"]>("GET", path)).domain);
    } catch (err) {
      setError(err);
    }
  }, [path]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (domain?.status !== "verifying") return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [domain?.status, load]);

  async function run(kind: "add" | "verify" | "remove", call: () => Promise<Domain | null>): Promise<void> {
    setBusy(kind);
    setError(null);
    try {
      setDomain(await call());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  const add = (e: FormEvent): void => {
    e.preventDefault();
    void run("add", async () => (await api<StudioTypes["domain"]>("POST", path, { hostname: typed })).domain);
  };
  const verify = (): void => {
    void run("verify", async () => (await api<StudioTypes["domain"]>("POST", `${path}/verify`)).domain);
  };
  const remove = (): void => {
    if (!domain) return;
    void run("remove", async () => {
      await api<StudioTypes["domainRemoved"]>("DELETE", path, { confirm: domain.hostname });
      setConfirming(false);
      setTyped("");
      return null;
    });
  };

  return (
    <section className="card panel" aria-labelledby={`${ids}-title`} data-testid="domain-panel">
      <h2 id={`${ids}-title`}>Custom domain</h2>
      {domain === undefined && !error && <Spinner label="Loading the domain" small />}
      {domain === null && (
        <form className="stack-small" onSubmit={add} aria-label="Add a domain">
          <p className="muted">
            Serve this app at your own address, such as <span className="mono">shop.example.com</span>. Its{" "}
            <span className="mono">{app.slug}</span> address then sends visitors there.
          </p>
          <div className="field">
            <label htmlFor={`${ids}-host`}>Domain</label>
            <input
              id={`${ids}-host`}
              name="hostname"
              placeholder="shop.example.com"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          </div>
          <div className="row">
            <button type="submit" className="btn" disabled={busy !== null || typed.trim() === ""}>
              {busy === "add" ? "Adding…" : "Add domain"}
            </button>
          </div>
        </form>
      )}
      {domain && <DomainDetails domain={domain} busy={busy} onVerify={verify} onRemove={() => setConfirming(true)} />}
      {!confirming && <ErrorBanner error={error} />}
      {confirming && domain && (
        <ConfirmDialog
          title={`Remove ${domain.hostname}?`}
          confirmLabel="Remove domain"
          busyLabel="Removing…"
          busy={busy === "remove"}
          error={<ErrorBanner error={error} />}
          onConfirm={remove}
          onClose={() => setConfirming(false)}
          testId="remove-domain-dialog"
        >
          <p>
            The app stops answering at <span className="mono">{domain.hostname}</span> at once, and its{" "}
            <span className="mono">{app.slug}</span> address serves it again. Visitors signed in on the domain will need
            to sign in again on the other address.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function DomainDetails(props: {
  domain: Domain;
  busy: "add" | "verify" | "remove" | null;
  onVerify(): void;
  onRemove(): void;
}) {
  const { domain, busy } = props;
  const status = STATUS[domain.status];
  const url = domain.url ? safeHttpUrl(domain.url) : null;
  const needsProof = domain.status === "pending" || domain.status === "failed";
  return (
    <div className="stack-small">
      <p className="row">
        <span className="mono">{domain.hostname}</span> <Badge tone={status.tone}>{status.label}</Badge>
      </p>
      {url && (
        <Notice tone="success">
          Live at{" "}
          <a href={url} target="_blank" rel="noopener noreferrer">
            {url}
          </a>
          . Links in your app's emails use this address.
        </Notice>
      )}
      {needsProof && (
        <div className="stack-small">
          <p>Prove the domain is yours: add this TXT record at your DNS provider, then press Verify.</p>
          <dl className="kv">
            <dt>Type</dt>
            <dd className="mono">TXT</dd>
            <dt>Name</dt>
            <dd className="mono">
              {domain.txt.name} <CopyButton text={domain.txt.name} />
            </dd>
            <dt>Value</dt>
            <dd className="mono">
              {domain.txt.value} <CopyButton text={domain.txt.value} />
            </dd>
          </dl>
        </div>
      )}
      {domain.cnameTarget && domain.status !== "active" && (
        <p className="muted small">
          Also point a CNAME record for <span className="mono">{domain.hostname}</span> at{" "}
          <span className="mono">{domain.cnameTarget}</span>, so visitors reach the app.
        </p>
      )}
      {domain.message && domain.status !== "active" && <Notice tone="info">{domain.message}</Notice>}
      <div className="row">
        {needsProof && (
          <button type="button" className="btn btn-primary" disabled={busy !== null} onClick={props.onVerify}>
            {busy === "verify" ? "Checking…" : "Verify"}
          </button>
        )}
        {domain.status === "verifying" && (
          <button type="button" className="btn" disabled={busy !== null} onClick={props.onVerify}>
            {busy === "verify" ? "Checking…" : "Check now"}
          </button>
        )}
        <button type="button" className="btn btn-danger" disabled={busy !== null} onClick={props.onRemove}>
          Remove domain
        </button>
      </div>
    </div>
  );
}
