import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { desc } from "drizzle-orm";
import { outbox } from "../db/do-schema";

/**
 * How an app sends mail. The local default keeps every message in the app's own outbox table,
 * which the creator reads in the studio; a real provider implements the same interface.
 */
export type MailKind = "verify" | "reset";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  kind: MailKind;
}

export interface MailProvider {
  send(message: MailMessage): Promise<void>;
}

export interface OutboxEntry extends MailMessage {
  id: string;
  createdAt: number;
}

export function outboxProvider(db: DrizzleSqliteDODatabase, clock: () => number = Date.now): MailProvider {
  return {
    async send(message: MailMessage): Promise<void> {
      db.insert(outbox).values({ id: crypto.randomUUID(), ...message, createdAt: clock() }).run();
    },
  };
}

export const OUTBOX_MAX_READ = 200;

/** Newest first; `limit` is clamped so a caller cannot ask for the whole table at once. */
export function readOutbox(db: DrizzleSqliteDODatabase, limit: number): OutboxEntry[] {
  const n = Math.min(OUTBOX_MAX_READ, Math.max(1, Math.floor(Number.isFinite(limit) ? limit : 50)));
  return db
    .select()
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(n)
    .all()
    .map((r) => ({ id: r.id, to: r.to, subject: r.subject, text: r.text, kind: r.kind as MailKind, createdAt: r.createdAt }));
}
