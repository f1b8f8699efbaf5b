import { htmlFromText } from "./html";
import type { MailMessage, MailTransport, OutgoingMail } from "./provider";
import type { MailRoute } from "./transport";

/**
 * Every mail the platform sends goes through an outbox table in a Durable Object's SQLite (an
 * app's object for its users' mail, the studio mailbox for creators'), as a small state machine:
 *
 *   kept                      MAIL_PROVIDER=outbox (development): stays for the studio to show; never sent
 *   queued → sending → sent   a transport accepted it; the body is then erased (it held a live link)
 *   sending → retry → sending a retryable failure, tried again after a backoff (an alarm)
 *   → failed                  a permanent failure, the last retry, or no provider configured; body erased
 *   sending → unknown         the object stopped mid-send on a transport without idempotency: never resent
 *
 * Each attempt moves the row to `sending` and counts it in one synchronous statement before the
 * network call, so a mail is claimed by exactly one attempt at a time. A retry carries the same
 * idempotency key (the row id), so a provider that de-duplicates (Resend) delivers it once even
 * when an earlier answer was lost; one that cannot (Cloudflare) is never retried after a lost
 * answer. Nothing is ever sent twice.
 */

export type OutboxStatus = "kept" | "queued" | "sending" | "sent" | "retry" | "failed" | "unknown";

/** What the object gives the outbox: its SQL, its transactions and its alarm. */
export interface OutboxStore {
  sql: SqlStorage;
  transactionSync<T>(fn: () => T): T;
  setAlarm(at: number): void;
}

/** Delays after attempts 1..5; the sixth failure is final. */
export const RETRY_BACKOFF_MS = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000, 6 * 60 * 60_000] as const;
/** A row still `sending` after this was cut off mid-send (the object was evicted or restarted). */
export const SENDING_TIMEOUT_MS = 10 * 60_000;
/** Delivered or failed rows are deleted after this; kept (dev) rows stay until the copy is deleted. */
export const OUTBOX_RETENTION_MS = 7 * 24 * 60 * 60_000;
const BATCH = 10;

const reportedUnconfigured = new Set<string>();

/**
 * Puts a mail in the outbox: kept (dev), queued for the transport (and the alarm set), or failed
 * at once when production has no provider (logged once; the request still answers the same).
 */
export function enqueueMail(
  store: OutboxStore,
  route: MailRoute,
  message: MailMessage,
  from: OutgoingMail["from"],
  now: number,
): OutboxStatus {
  const id = crypto.randomUUID();
  const html = htmlFromText(message.text, { title: message.subject });
  if (route.kind === "unconfigured" && !reportedUnconfigured.has(route.reason)) {
    reportedUnconfigured.add(route.reason);
    console.error(`mail: not sent, ${route.reason} (docs/mail.md)`);
  }
  const status: OutboxStatus = route.kind === "outbox" ? "kept" : route.kind === "transport" ? "queued" : "failed";
  const keepBody = status !== "failed";
  store.sql.exec(
    `INSERT INTO outbox (id, "to", subject, text, html, kind, created_at, from_name, from_address, status,
      attempts, next_attempt_at, provider, last_error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    id,
    message.to,
    message.subject,
    keepBody ? message.text : "",
    keepBody ? html : null,
    message.kind,
    now,
    from.name,
    from.email,
    status,
    status === "queued" ? now : null,
    route.kind === "transport" ? route.transport.name : route.kind,
    route.kind === "unconfigured" ? route.reason : null,
  );
  if (status === "queued") store.setAlarm(now);
  return status;
}

interface Row {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  from_name: string | null;
  from_address: string | null;
  attempts: number;
}

/** Claims one due row for one attempt; false if another attempt holds it (or it is no longer due). */
function claim(store: OutboxStore, id: string, now: number): boolean {
  return store.transactionSync(() => {
    const res = store.sql.exec(
      "UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_at = ? WHERE id = ? AND status IN " +
        "('queued', 'retry')",
      now,
      id,
    );
    return res.rowsWritten > 0;
  });
}

function settle(
  store: OutboxStore,
  id: string,
  fields: { status: OutboxStatus; messageId?: string; error?: string; nextAttemptAt?: number | null; erase: boolean },
  now: number,
): void {
  store.sql.exec(
    `UPDATE outbox SET status = ?, provider_message_id = COALESCE(?, provider_message_id), last_error = ?,
      next_attempt_at = ?,
       sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END,
       text = CASE WHEN ? THEN '' ELSE text END, html = CASE WHEN ? THEN NULL ELSE html END
     WHERE id = ? AND status = 'sending'`,
    fields.status,
    fields.messageId ?? null,
    fields.error ?? null,
    fields.nextAttemptAt ?? null,
    fields.status,
    now,
    fields.erase ? 1 : 0,
    fields.erase ? 1 : 0,
    id,
  );
}

/** Rows cut off mid-send: retried with the same key when the transport de-duplicates, else given up as unknown. */
function recoverStuck(store: OutboxStore, transport: MailTransport, now: number): void {
  const cutoff = now - SENDING_TIMEOUT_MS;
  if (transport.idempotent) {
    store.sql.exec(
      "UPDATE outbox SET status = 'retry', next_attempt_at = ?, last_error = 'cut off mid-send; retrying with the " +
        "same idempotency key' WHERE status = 'sending' AND claimed_at <= ?",
      now,
      cutoff,
    );
  } else {
    store.sql.exec(
      "UPDATE outbox SET status = 'unknown', text = '', html = NULL, last_error = 'cut off mid-send; not retried " +
        "(the provider cannot de-duplicate)' WHERE status = 'sending' AND claimed_at <= ?",
      cutoff,
    );
  }
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
  /** When to run again (the object's alarm), or null when nothing is pending. */
  nextRunAt: number | null;
}

/** Sends what is due; run from the object's alarm. The caller sets the alarm to `nextRunAt`. */
export async function deliverDueMail(
  store: OutboxStore,
  transport: MailTransport,
  now: number,
): Promise<DeliveryReport> {
  recoverStuck(store, transport, now);
  store.sql.exec(
    "DELETE FROM outbox WHERE status IN ('sent', 'failed', 'unknown') AND created_at <= ?",
    now - OUTBOX_RETENTION_MS,
  );
  const due = store.sql
    .exec<Record<string, SqlStorageValue>>(
      `SELECT id, "to", subject, text, html, from_name, from_address, attempts FROM outbox
       WHERE status IN ('queued', 'retry') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
      now,
      BATCH,
    )
    .toArray() as unknown as Row[];
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, nextRunAt: null };
  for (const row of due) {
    if (!claim(store, row.id, now)) continue;
    const attempt = row.attempts + 1;
    const mail: OutgoingMail = {
      from: { name: row.from_name ?? "", email: row.from_address ?? "" },
      to: row.to,
      subject: row.subject,
      text: row.text,
      html: row.html ?? htmlFromText(row.text, { title: row.subject }),
    };
    const result = await transport.send(mail, { idempotencyKey: `sandlot-mail/${row.id}` });
    if (result.ok) {
      settle(store, row.id, { status: "sent", messageId: result.messageId, erase: true }, now);
      report.sent += 1;
    } else if (result.retryable && attempt <= RETRY_BACKOFF_MS.length) {
      settle(
        store,
        row.id,
        { status: "retry", error: result.error, nextAttemptAt: now + RETRY_BACKOFF_MS[attempt - 1]!, erase: false },
        now,
      );
      report.retrying += 1;
    } else {
      console.error("mail: giving up", row.id, result.error);
      settle(store, row.id, { status: "failed", error: result.error, erase: true }, now);
      report.failed += 1;
    }
  }
  report.nextRunAt = nextRun(store);
  return report;
}

function nextRun(store: OutboxStore): number | null {
  const row = store.sql
    .exec<{ at: number | null }>(
      `SELECT MIN(at) AS at FROM (
         SELECT next_attempt_at AS at FROM outbox WHERE status IN ('queued', 'retry')
         UNION ALL SELECT claimed_at + ${SENDING_TIMEOUT_MS} AS at FROM outbox WHERE status = 'sending')`,
    )
    .one();
  return row.at ?? null;
}

export interface OutboxEntry extends MailMessage {
  id: string;
  createdAt: number;
  status: OutboxStatus;
}

export const OUTBOX_MAX_READ = 200;

/** Newest first; `limit` is clamped. Bodies of sent mail are already erased. */
export function readOutbox(sql: SqlStorage, limit: number): OutboxEntry[] {
  const n = Math.min(OUTBOX_MAX_READ, Math.max(1, Math.floor(Number.isFinite(limit) ? limit : 50)));
  return sql
    .exec<{ id: string; to: string; subject: string; text: string; kind: string; created_at: number; status: string }>(
      `SELECT id, "to", subject, text, kind, created_at, status FROM outbox ORDER BY created_at DESC, id DESC LIMIT ?`,
      n,
    )
    .toArray()
    .map((r) => ({
      id: r.id,
      to: r.to,
      subject: r.subject,
      text: r.text,
      kind: r.kind as MailMessage["kind"],
      createdAt: r.created_at,
      status: r.status as OutboxStatus,
    }));
}
