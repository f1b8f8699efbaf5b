import { DurableObject } from "cloudflare:workers";
import { drizzle, type DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import migrations from "../db/migrations/do/migrations.js";
import type { Env } from "../env";
import { readOutbox, type OutboxEntry } from "../mail/provider";
import { applyAppEvent, type AppBillingEvent, type ApplyOutcome } from "../billing/apply";
import { startCheckout, startPortal, type BillingCaller, type BillingDeps, type BillingUrl } from "../billing/checkout";
import { completeDevCheckoutFor, devPortalFor, viewDevCheckoutFor, type DevPortalRow } from "../billing/dev-object";
import type { DevCheckoutLookup } from "../billing/dev-provider";
import { listBillingEvents, listSubscribers, type BillingEventView, type SubscriberView } from "../billing/views";
import { createAppApi } from "./api/router";

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

  // Billing: one-line delegations; the logic lives in platform/billing/*.

  /** A verified, routed webhook event, applied exactly once (RPC from the webhook handler). */
  applyBillingEvent(event: AppBillingEvent): ApplyOutcome {
    return applyAppEvent(this.ctx.storage, event, Date.now());
  }

  /** For the creator in the studio (RPC; the studio checks ownership first). */
  billingEvents(): BillingEventView[] {
    return listBillingEvents(this.sql);
  }

  billingSubscribers(): SubscriberView[] {
    return listSubscribers(this.sql);
  }

  billingCheckout(caller: BillingCaller, plan: string): Promise<BillingUrl> {
    return startCheckout(this.billingDeps(), caller, plan, Date.now());
  }

  billingPortal(caller: Omit<BillingCaller, "manifest">): Promise<BillingUrl> {
    return startPortal(this.billingDeps(), caller);
  }

  devCheckoutView(id: string, cookie: string | null): Promise<DevCheckoutLookup> {
    return viewDevCheckoutFor(this.billingDeps(), id, cookie, Date.now());
  }

  devCheckoutComplete(id: string, cookie: string | null, formToken: string): Promise<DevCheckoutLookup> {
    return completeDevCheckoutFor(this.billingDeps(), id, cookie, formToken, Date.now());
  }

  devPortalView(cookie: string | null): Promise<DevPortalRow[] | null> {
    return devPortalFor(this.billingDeps(), cookie, Date.now());
  }

  private billingDeps(): BillingDeps {
    return { env: this.env, db: this.db, kv: this.ctx.storage.kv };
  }
}
