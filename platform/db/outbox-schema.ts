import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The mail outbox, one table shape in two kinds of Durable Object: every app's object (its users'
 * mail) and the studio mailbox (creators' mail). The state machine over it is platform/mail/outbox.ts.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    /** Erased once sent or given up: the body holds a live link. */
    text: text("text").notNull(),
    html: text("html"),
    kind: text("kind").notNull(),
    createdAt: integer("created_at").notNull(),
    fromName: text("from_name"),
    fromAddress: text("from_address"),
    /** kept | queued | sending | sent | retry | failed | unknown (platform/mail/outbox.ts). */
    status: text("status").notNull().default("kept"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    claimedAt: integer("claimed_at"),
    provider: text("provider"),
    providerMessageId: text("provider_message_id"),
    lastError: text("last_error"),
    sentAt: integer("sent_at"),
  },
  (t) => [index("outbox_due").on(t.status, t.nextAttemptAt)],
);
