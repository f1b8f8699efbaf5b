import { DurableObject } from "cloudflare:workers";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import { applyAppEvent, type AppBillingEvent, type ApplyOutcome } from "../billing/apply";
import { type AppPaymentEvent, applyPaymentEvent } from "../billing/purchases-apply";
import { completeDevCheckout, findDevCheckout, type DevCheckoutLookup } from "../billing/dev-provider";
import {
  listBillingEvents,
  listSubscribers,
  userSubscriptions,
  type BillingEventView,
  type DevPortalRow,
  type SubscriberView,
} from "../billing/views";
import migrations from "../db/migrations/do/migrations.js";
import type { Env } from "../env";
import { deliverDueMail, readOutbox, type OutboxEntry } from "../mail/outbox";
import { mailRoute } from "../mail/transport";
import { createAppApi } from "./api/router";
import { REVISION_HEADER, STALE_HEADER } from "./identity";
import type { Manifest } from "../manifest/schema";
import { deleteRecord, type EndUserView, listEndUsers, listRecords, type Page, type RecordView } from "./data-browser";
import { counterKeys, readCounter } from "./counters";
import { deleteEndUser, type DeleteUserOutcome } from "./delete-user";
import {
  type ExportCounts,
  type ExportedFile,
  type ExportedRecord,
  type ExportedSubscription,
  type ExportedUser,
  type ExportPage,
  exportCounts,
  exportFiles,
  exportRecords,
  exportSubscriptions,
  exportUsers,
} from "./export-data";
import { importRateWait, type IssuedLink, issueExportLink, type SpentLink, spendExportLink } from "./export-links";
import { forgetFile } from "./file-records";
import {
  type BatchOutcome,
  beginImport,
  type FileRecordOutcome,
  finishImport,
  type ImportStart,
  importDocuments,
  importFileRecord,
  importUsers,
} from "./import-data";
import type { AppLimits } from "./limits";
import { signInWithProvider, type ProviderSignIn } from "./oauth-sign-in";
import type { ProviderIdentity } from "../oauth/exchange";
import { sessionUserFrom } from "./session-user";
import { appStoreOf, type AppStore } from "./store";

const TOMBSTONE_KEY = "object:deleted";
const REVISION_KEY = "object:served-revision";

export type ServedState = { deleted: true } | { deleted: false; revision: number };

/**
 * One per app: its end users, sessions, documents, files metadata, subscriptions, webhook events
 * and counters, in the object's own SQLite. Requests are handled one at a time against local
 * storage, which is what makes quotas and webhook de-duplication atomic.
 *
 * `fetch` serves the app plane's `/_api/*`. The other public methods are the RPC surface for the
 * Worker (studio reads, the dev checkout pages) and the webhook path; the studio checks that the
 * caller owns the app before it obtains a stub.
 */
export class AppObject extends DurableObject<Env> {
  private readonly store: AppStore;
  private readonly api;
  /**
   * Set once the app was deleted: the object answers nothing and keeps nothing but this mark (T46),
   * which outlives the object's restarts so that a Worker still holding the app in its cache
   * (worker/app/resolve.ts) gets a refusal, not a fresh, empty app to sign up to.
   */
  private destroyed: boolean;
  /** The newest serving revision the studio announced (apps/queries.ts `revision`). */
  private revision: number;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = appStoreOf(ctx.storage);
    this.api = createAppApi(this.store);
    this.destroyed = this.store.kv.get(TOMBSTONE_KEY) === true;
    this.revision = Number(this.store.kv.get(REVISION_KEY) ?? 0);
    if (!this.destroyed)
      void ctx.blockConcurrencyWhile(async () => {
        await migrate(this.store.db, migrations);
      });
  }

  override async fetch(request: Request): Promise<Response> {
    // Also stale: a Worker's copy of a deleted app, whose slug may name a new app by now.
    if (this.destroyed)
      return Response.json(
        { error: { code: "not_found", message: "This app was deleted." } },
        { status: 404, headers: { [STALE_HEADER]: "1" } },
      );
    // The Worker's cached copy of the app predates a publish, rollback or rename: it reloads and retries.
    const seen = Number(request.headers.get(REVISION_HEADER) ?? Number.POSITIVE_INFINITY);
    if (seen < this.revision) return new Response(null, { status: 409, headers: { [STALE_HEADER]: "1" } });
    return this.api.fetch(request, this.env);
  }

  /** What the app origin checks before it serves a page from its cached copy of the app. */
  servedState(): ServedState {
    return this.destroyed ? { deleted: true } : { deleted: false, revision: this.revision };
  }

  /** The studio changed what the origin serves; copies older than `revision` are stale from now on. */
  announceRevision(revision: number): void {
    if (this.destroyed || revision <= this.revision) return;
    this.revision = revision;
    this.store.kv.put(REVISION_KEY, revision);
  }

  /** The app was deleted: every user, session, document, file record, subscription and mail goes. */
  async destroy(): Promise<void> {
    this.destroyed = true;
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.store.kv.put(TOMBSTONE_KEY, true);
  }

  /** Bytes of end users' uploads this copy holds in R2 (counted toward the creator's storage allowance). */
  uploadBytes(): number {
    return readCounter(this.store.db, counterKeys.appBytes);
  }

  /** Mail this app sent, newest first. Tokens in kept (development) mails are live. */
  readOutbox(limit: number): OutboxEntry[] {
    return readOutbox(this.store.sql, limit);
  }

  /** The outbox's sends and retries (mail/outbox.ts); nothing to do with the development outbox. */
  override async alarm(): Promise<void> {
    if (this.destroyed) return;
    const route = mailRoute(this.env);
    if (route.kind !== "transport") return;
    const report = await deliverDueMail(this.store, route.transport, Date.now());
    if (report.nextRunAt !== null) this.store.setAlarm(report.nextRunAt);
  }

  /** A verified, routed webhook event, applied exactly once. */
  applyBillingEvent(event: AppBillingEvent): ApplyOutcome {
    return applyAppEvent(this.store, event, Date.now());
  }

  /** A verified, routed one-time payment or refund, applied exactly once (billing/purchases-apply.ts). */
  applyPaymentEvent(event: AppPaymentEvent): ApplyOutcome {
    return applyPaymentEvent(this.store, event, Date.now());
  }

  billingEvents(): BillingEventView[] {
    return listBillingEvents(this.store.sql);
  }

  billingSubscribers(): SubscriberView[] {
    return listSubscribers(this.store.sql);
  }

  /** The data browser (data-browser.ts): one collection's records, newest first. */
  dataRecords(collection: string, options: { limit?: number; before?: string }): Page<RecordView> {
    return listRecords(this.store, collection, options);
  }

  dataDeleteRecord(manifest: Manifest, collection: string, id: string): boolean {
    return deleteRecord(this.store, manifest, collection, id);
  }

  dataUsers(options: { limit?: number; before?: string }): Page<EndUserView> {
    return listEndUsers(this.store, options);
  }

  /** The creator deletes an end user and everything they own in this copy (delete-user.ts). */
  dataDeleteUser(target: { appId: string; manifest: Manifest; userId: string }): Promise<DeleteUserOutcome> {
    return deleteEndUser(this.store, this.env.BUCKET, target);
  }

  /** Export (export-data.ts, export-links.ts): counts, then pages in creation order, behind a single-use link. */
  exportCounts(): ExportCounts {
    return exportCounts(this.store);
  }

  exportRecords(collection: string, after: string | null): ExportPage<ExportedRecord> {
    return exportRecords(this.store, collection, after);
  }

  exportUsers(after: string | null): ExportPage<ExportedUser> {
    return exportUsers(this.store, after);
  }

  exportFiles(after: string | null): ExportPage<ExportedFile> {
    return exportFiles(this.store, after);
  }

  exportSubscriptions(after: string | null): ExportPage<ExportedSubscription> {
    return exportSubscriptions(this.store, after);
  }

  issueExportLink(creatorId: string): IssuedLink {
    return issueExportLink(this.store, creatorId, Date.now());
  }

  spendExportLink(token: string, creatorId: string): SpentLink {
    return spendExportLink(this.store, token, creatorId, Date.now());
  }

  /** Import (import-data.ts): into a new app only, users, then file records, then documents. */
  importBegin(exportId: string): { wait: number } | ImportStart {
    const now = Date.now();
    const wait = importRateWait(this.store, now);
    return wait > 0 ? { wait } : beginImport(this.store, exportId, now);
  }

  importUsers(batch: unknown[]): BatchOutcome {
    return importUsers(this.store, batch);
  }

  importFileRecord(file: unknown, limits: AppLimits): FileRecordOutcome {
    return importFileRecord(this.store, file, limits);
  }

  /** The file's bytes did not reach R2: its record and allowance go again. */
  importForgetFile(row: { id: string; ownerId: string; bytes: number }): void {
    this.store.db.transaction((tx) => forgetFile(tx, row));
  }

  importDocuments(manifest: Manifest, collection: string, batch: unknown[]): BatchOutcome {
    return importDocuments(this.store, manifest, collection, batch);
  }

  importFinish(): void {
    finishImport(this.store, Date.now());
  }

  /** The dev checkout page for the user the cookie signs in; anyone else's answers like a missing one. */
  async devCheckoutView(id: string, cookie: string | null): Promise<DevCheckoutLookup> {
    const now = Date.now();
    return findDevCheckout(this.store.kv, id, await this.signedInUserId(cookie, now), now);
  }

  async devCheckoutComplete(id: string, cookie: string | null, formToken: string): Promise<DevCheckoutLookup> {
    const now = Date.now();
    return completeDevCheckout(this.store.kv, id, await this.signedInUserId(cookie, now), formToken, now);
  }

  /** Null when nobody is signed in. */
  async devPortalView(cookie: string | null): Promise<DevPortalRow[] | null> {
    const userId = await this.signedInUserId(cookie, Date.now());
    return userId === null ? null : userSubscriptions(this.store.sql, userId);
  }

  /** The end of "Sign in with Google/GitHub": the Worker verified `who` with the provider (oauth-sign-in.ts). */
  signInWithProvider(who: ProviderIdentity, cookie: string | null): Promise<ProviderSignIn> {
    return signInWithProvider(this.store, this.env, who, { cookie, now: Date.now() });
  }

  private async signedInUserId(cookie: string | null, now: number): Promise<string | null> {
    const { signedIn } = await sessionUserFrom(this.store, this.env, cookie, now);
    return signedIn?.user.id ?? null;
  }
}
