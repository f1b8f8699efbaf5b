import { DurableObject } from "cloudflare:workers";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import { drizzle } from "drizzle-orm/durable-sqlite";
import migrations from "../db/migrations/mailbox/migrations.js";
import type { Env } from "../env";
import {
  deliverDueMail,
  enqueueMail,
  readOutbox,
  type OutboxEntry,
  type OutboxStatus,
  type OutboxStore,
} from "../mail/outbox";
import type { MailMessage } from "../mail/provider";
import { mailRoute, studioSender } from "../mail/transport";

/**
 * The studio's own mail (creators' password resets), one object for the platform: the same
 * outbox table and state machine as an app's (mail/outbox.ts), so studio mail is queued, sent by
 * the configured provider, retried and never sent twice the same way. In development it is kept
 * and shown at `GET /api/dev/outbox` (worker/studio/dev-outbox.ts), like an app's outbox.
 */
export class StudioMailbox extends DurableObject<Env> {
  private readonly store: OutboxStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const storage = ctx.storage;
    this.store = {
      sql: storage.sql,
      transactionSync: (fn) => storage.transactionSync(fn),
      setAlarm: (at) => void storage.setAlarm(at),
    };
    void ctx.blockConcurrencyWhile(async () => {
      await migrate(drizzle(storage, { logger: false }), migrations);
    });
  }

  send(message: MailMessage): OutboxStatus {
    const route = mailRoute(this.env);
    const domain = route.kind === "transport" ? route.fromDomain : (this.env.MAIL_FROM_DOMAIN ?? "mail.localhost");
    return enqueueMail(this.store, route, message, studioSender(domain), Date.now());
  }

  /** Newest first; the Worker serves this only in development. */
  read(limit: number): OutboxEntry[] {
    return readOutbox(this.store.sql, limit);
  }

  override async alarm(): Promise<void> {
    const route = mailRoute(this.env);
    if (route.kind !== "transport") return;
    const report = await deliverDueMail(this.store, route.transport, Date.now());
    if (report.nextRunAt !== null) this.store.setAlarm(report.nextRunAt);
  }
}
