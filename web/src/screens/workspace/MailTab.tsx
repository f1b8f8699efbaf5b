import { useEffect, useState } from "react";
import { api } from "../../lib/api";
import { isMissingEndpoint } from "../../lib/api-core";
import { formatDateTime } from "../../lib/format";
import { linkify, parseOutbox, type MailItem } from "../../lib/mail";
import { ErrorBanner, NotYet, Spinner } from "../../components/ui";

export function MailTab({ slug }: { slug: string }) {
  const [mail, setMail] = useState<MailItem[] | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [key, setKey] = useState(0);

  useEffect(() => {
    setMail(null);
    api<unknown>("GET", `/api/apps/${encodeURIComponent(slug)}/outbox`)
      .then((b) => setMail(parseOutbox(b)))
      .catch((err) => {
        if (isMissingEndpoint(err)) setMissing(true);
        else setError(err);
        setMail([]);
      });
  }, [slug, key]);

  return (
    <div className="tab-page stack">
      <div className="page-head">
        <div>
          <h1>Mail outbox</h1>
          <p className="muted">Emails your app sent (sign-up confirmations, password resets). In development nothing leaves this machine.</p>
        </div>
        <button type="button" className="btn" onClick={() => setKey((k) => k + 1)}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={error} />
      {missing && <NotYet what="The mail outbox" />}
      {mail === null ? (
        <Spinner label="Loading mail" />
      ) : mail.length === 0 && !missing ? (
        <div className="empty empty-small">
          <p>No mail yet.</p>
        </div>
      ) : (
        <ul className="mail-list">
          {mail.map((m) => {
            const expanded = open === m.id;
            return (
              <li key={m.id} className="card mail-item">
                <button type="button" className="mail-summary" aria-expanded={expanded} onClick={() => setOpen(expanded ? null : m.id)}>
                  <span className="mail-subject">{m.subject}</span>
                  <span className="muted">to {m.to || "—"}</span>
                  <span className="muted small">{formatDateTime(m.sentAt)}</span>
                </button>
                {expanded && (
                  <pre className="mail-body">
                    {linkify(m.text).map((p, i) =>
                      p.kind === "link" ? (
                        <a key={i} href={p.href} target="_blank" rel="noopener noreferrer">
                          {p.text}
                        </a>
                      ) : (
                        p.text
                      ),
                    )}
                  </pre>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
