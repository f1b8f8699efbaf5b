import { DurableObject } from "cloudflare:workers";
import { drizzle, type DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import migrations from "../db/migrations/do/migrations.js";
import type { Env } from "../env";
import { readOutbox, type OutboxEntry } from "../mail/provider";
import { createAppApi } from "./api";

/**
 * One per app: its end users, sessions, documents, files metadata, subscriptions, webhook events
 * and counters, in the object's own SQLite. Requests are handled one at a time against local
 * storage, which is what makes quotas and webhook de-duplication atomic.
 */
export class AppObject extends DurableObject<Env> {
  readonly db: DrizzleSqliteDODatabase;
  readonly sql: SqlStorage;
  private readonly api = createAppApi(this);

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.db = drizzle(ctx.storage, { logger: false });
    void ctx.blockConcurrencyWhile(async () => {
      await migrate(this.db, migrations);
    });
  }

  override async fetch(request: Request): Promise<Response> {
    return this.api.fetch(request, this.env);
  }

  /**
   * Mail this app sent, newest first, for its creator in the studio (RPC; the studio checks that
   * the caller owns the app before obtaining this stub). Tokens in these mails are live.
   */
  async readOutbox(limit: number): Promise<OutboxEntry[]> {
    return readOutbox(this.db, limit);
  }
}
