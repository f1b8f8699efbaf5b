import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Platform tables in D1: creators and their apps. End-user data never lives here (I3). */

export const creators = sqliteTable("creators", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  plan: text("plan").notNull().default("free"),
  createdAt: integer("created_at").notNull(),
});

export const creatorSessions = sqliteTable(
  "creator_sessions",
  {
    id: text("id").primaryKey(),
    creatorId: text("creator_id")
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    secretHash: text("secret_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("creator_sessions_creator").on(t.creatorId)],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    creatorId: text("creator_id")
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    secretHash: text("secret_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [index("api_tokens_creator").on(t.creatorId)],
);

/** Single-use, expiring password-reset tokens for creators; only the secret's hash is stored (T26). */
export const creatorEmailTokens = sqliteTable(
  "creator_email_tokens",
  {
    id: text("id").primaryKey(),
    creatorId: text("creator_id")
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["reset"] }).notNull(),
    secretHash: text("secret_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("creator_email_tokens_creator").on(t.creatorId)],
);

export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  attempts: integer("attempts").notNull(),
  windowStart: integer("window_start").notNull(),
});

export const apps = sqliteTable(
  "apps",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    templateId: text("template_id").notNull(),
    creatorId: text("creator_id")
      .notNull()
      .references(() => creators.id),
    currentVersion: integer("current_version"),
    /** Highest version number handed out; bumped atomically so concurrent publishes never share one. */
    lastVersion: integer("last_version").notNull().default(0),
    /** 1 when an earlier, deleted app had this slug: browsers are told to drop what they kept for it (T46). */
    slugReused: integer("slug_reused").notNull().default(0),
    /** R2 bytes of the published bundles, versions and saved sources, measured after each publish. */
    storedBytes: integer("stored_bytes").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("apps_creator").on(t.creatorId)],
);

/**
 * An app's custom domain (docs/domains.md), one per app. `pending`: added, ownership not yet
 * proven; `verifying`: proven, Cloudflare is issuing its certificate; `active`: served; `failed`:
 * Cloudflare gave up. Any number of apps may have a PENDING claim on a hostname (so nobody blocks
 * a domain they do not own by adding it first); only one row per hostname may be proven (T55).
 */
export const domains = sqliteTable(
  "domains",
  {
    appId: text("app_id")
      .primaryKey()
      .references(() => apps.id, { onDelete: "cascade" }),
    /** ASCII (punycode) form, lower-case, no port, no trailing dot. */
    hostname: text("hostname").notNull(),
    status: text("status", { enum: ["pending", "verifying", "active", "failed"] }).notNull(),
    /** The value the TXT record `_sandlot-challenge.<hostname>` must hold. */
    token: text("token").notNull(),
    /** Cloudflare for SaaS custom hostname id, once registered. */
    cloudflareId: text("cloudflare_id"),
    /** The last check's plain-language outcome, for the studio. */
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    verifiedAt: integer("verified_at"),
    checkedAt: integer("checked_at"),
  },
  (t) => [
    uniqueIndex("domains_proven_hostname").on(t.hostname).where(sql`status in ('verifying', 'active')`),
    index("domains_hostname").on(t.hostname),
  ],
);

/**
 * Deleted apps: the slug's cooling-off hold (nobody else may take it until `heldUntil`, T46) and
 * the purge of the app's data (`completedAt` once its Durable Objects and R2 objects are gone).
 * Kept after the hold so that the next app on the slug knows it is not the first.
 */
export const appDeletions = sqliteTable(
  "app_deletions",
  {
    appId: text("app_id").primaryKey(),
    slug: text("slug").notNull(),
    creatorId: text("creator_id").notNull(),
    deletedAt: integer("deleted_at").notNull(),
    heldUntil: integer("held_until").notNull(),
    completedAt: integer("completed_at"),
    lastError: text("last_error"),
  },
  (t) => [index("app_deletions_slug").on(t.slug, t.deletedAt)],
);

export const appVersions = sqliteTable(
  "app_versions",
  {
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    hash: text("hash").notNull(),
    bytes: integer("bytes").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.appId, t.version] })],
);

/**
 * A creator's Stripe Connect account. `state`: `pending` until onboarding finishes, `connected`
 * when charges are enabled, `dev` when connected to the local dev payment provider (no keys).
 */
export const creatorStripeAccounts = sqliteTable("creator_stripe_accounts", {
  creatorId: text("creator_id")
    .primaryKey()
    .references(() => creators.id, { onDelete: "cascade" }),
  stripeAccountId: text("stripe_account_id").notNull().unique(),
  state: text("state", { enum: ["pending", "connected", "dev"] }).notNull(),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * A creator's subscription to a platform plan. `eventCreated` orders writes the way the apps'
 * `subscriptions` table does: an older event never overwrites newer state (I5).
 */
export const creatorSubscriptions = sqliteTable(
  "creator_subscriptions",
  {
    id: text("id").primaryKey(),
    creatorId: text("creator_id")
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    plan: text("plan").notNull(),
    status: text("status").notNull(),
    currentPeriodEnd: integer("current_period_end"),
    /** End of the last period known to be paid for (ms): the plan is decided from it at read time. */
    paidThrough: integer("paid_through"),
    eventCreated: integer("event_created").notNull(),
    eventId: text("event_id").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("creator_subscriptions_creator").on(t.creatorId)],
);

/**
 * Webhook events that do not belong to an app (creator plans, and events ignored before routing),
 * applied at most once by id: the insert is the de-duplication (I5, T36).
 */
export const platformWebhookEvents = sqliteTable("platform_webhook_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  status: text("status", { enum: ["applied", "ignored", "rejected"] }).notNull(),
  reason: text("reason"),
  account: text("account"),
  eventCreated: integer("event_created").notNull(),
  receivedAt: integer("received_at").notNull(),
});

/**
 * AI tokens per creator per calendar month (UTC, `YYYY-MM`), I7/T39. `reserved` holds the worst
 * case of model calls in flight; a call may start only if `used + reserved + worstCase <= limit`,
 * checked and added by one conditional UPDATE (platform/ai/meter.ts), so parallel turns can never
 * overspend.
 */
export const aiUsage = sqliteTable(
  "ai_usage",
  {
    creatorId: text("creator_id")
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    month: text("month").notNull(),
    usedTokens: integer("used_tokens").notNull().default(0),
    reservedTokens: integer("reserved_tokens").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.month] })],
);

/** One row per model call in flight; a Worker that dies mid-call leaves one, released when it expires. */
export const aiReservations = sqliteTable(
  "ai_reservations",
  {
    id: text("id").primaryKey(),
    creatorId: text("creator_id")
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    month: text("month").notNull(),
    tokens: integer("tokens").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("ai_reservations_creator").on(t.creatorId, t.month, t.expiresAt)],
);

/** Turns started per creator in the current minute (T40). */
export const aiRate = sqliteTable("ai_rate", {
  creatorId: text("creator_id")
    .primaryKey()
    .references(() => creators.id, { onDelete: "cascade" }),
  windowStart: integer("window_start").notNull(),
  turns: integer("turns").notNull(),
});

/**
 * What the assistant proposed for an app. The files themselves are in R2 (r2Keys.aiProposal);
 * `baseHashes` holds, per proposed blank, the SHA-256 of the draft's content when the proposal
 * was made, so accepting over a newer edit answers 409 instead of losing it.
 */
export const aiProposals = sqliteTable(
  "ai_proposals",
  {
    id: text("id").primaryKey(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    /** `pending`, `accepted` or `rejected`. */
    status: text("status").notNull(),
    paths: text("paths").notNull(),
    baseHashes: text("base_hashes").notNull(),
    rounds: integer("rounds").notNull(),
    createdAt: integer("created_at").notNull(),
    decidedAt: integer("decided_at"),
  },
  (t) => [index("ai_proposals_app").on(t.appId, t.createdAt)],
);

/** An app's conversation with the assistant, kept across sessions. */
export const aiMessages = sqliteTable(
  "ai_messages",
  {
    id: text("id").primaryKey(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    /** `user` or `assistant`. */
    role: text("role").notNull(),
    text: text("text").notNull(),
    proposalId: text("proposal_id"),
    /** A plain-language reason when the turn ended without a proposal. */
    error: text("error"),
    tokens: integer("tokens").notNull().default(0),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("ai_messages_app").on(t.appId, t.createdAt)],
);

/**
 * Sign-in providers a creator enabled for an app (docs/oauth.md). The client secret is sealed
 * with AES-GCM under the platform key (oauth/secret-box.ts) and never leaves the Worker.
 */
export const appOauthProviders = sqliteTable(
  "app_oauth_providers",
  {
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    provider: text("provider", { enum: ["google", "github"] }).notNull(),
    enabled: integer("enabled").notNull().default(0),
    clientId: text("client_id").notNull(),
    /** `v1.<iv>.<ciphertext>`, base64url; null until a secret was pasted. */
    secretSealed: text("secret_sealed"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.appId, t.provider] })],
);

/**
 * Sign-ins in flight: keyed by the hash of `state`, bound to the browser by the hash of a cookie
 * value, used once (deleted as it is read) and short-lived (T54).
 */
export const oauthFlows = sqliteTable(
  "oauth_flows",
  {
    stateHash: text("state_hash").primaryKey(),
    appId: text("app_id").notNull(),
    provider: text("provider").notNull(),
    bindingHash: text("binding_hash").notNull(),
    codeVerifier: text("code_verifier").notNull(),
    nonce: text("nonce").notNull(),
    returnTo: text("return_to").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("oauth_flows_expiry").on(t.expiresAt)],
);
