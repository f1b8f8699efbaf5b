import { useState } from "react";
import { formatDateTime } from "../../lib/format";
import { linkify } from "../../lib/mail";
import { ErrorBanner, Spinner } from "../../components/ui";
import { useStudioQuery } from "../../lib/queries";

export function MailTab({ slug }: { slug: string }) {
  const [open, setOpen] = useState<string | null>(null);
  // The preview copy's mail (sign-ups made in the live preview) or the live app's (development only).
  const [copy, setCopy] = useState<"preview" | "live">("preview");
  const outbox = useStudioQuery("outbox", `/api/apps/${encodeURIComponent(slug)}/outbox?copy=${copy}`);

  return (
    <div className="tab-page stack">
      <div className="page-head">
        <div>
          <h1>Mail outbox</h1>
          <p className="muted">
            Emails your app sent (sign-up confirmations, password resets). In development nothing leaves this machine.
          </p>
        </div>
        <div className="row">
          {/* biome-ignore lint/a11y/useSemanticElements: a segmented control; a fieldset would bring a legend and border it does not want */}
          <div className="seg" role="group" aria-label="Which app's mail">
            <button type="button" aria-pressed={copy === "preview"} onClick={() => setCopy("preview")}>
              Preview
            </button>
            <button type="button" aria-pressed={copy === "live"} onClick={() => setCopy("live")}>
              Live app
            </button>
          </div>
          <button type="button" className="btn" onClick={() => void outbox.refetch()}>
            Refresh
          </button>
        </div>
      </div>
      {outbox.isPending ? (
        <Spinner label="Loading mail" />
      ) : outbox.isError ? (
        <ErrorBanner error={outbox.error} />
      ) : outbox.data.messages.length === 0 ? (
        <div className="empty empty-small">
          <p>No mail yet.</p>
        </div>
      ) : (
        <ul className="mail-list">
          {outbox.data.messages.map((m) => {
            const expanded = open === m.id;
            return (
              <li key={m.id} className="card mail-item">
                <button
                  type="button"
                  className="mail-summary"
                  aria-expanded={expanded}
                  onClick={() => setOpen(expanded ? null : m.id)}
                >
                  <span className="mail-subject">{m.subject}</span>
                  <span className="muted">to {m.to}</span>
                  <span className="muted small">{formatDateTime(m.createdAt)}</span>
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
