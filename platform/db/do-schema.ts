import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Tables inside one app's Durable Object: this app's end users and everything they own. Nothing
 * here names the app: the object itself is the tenant boundary (I3).
 */

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  emailVerifiedAt: integer("email_verified_at"),
  createdAt: integer("created_at").notNull(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    secretHash: text("secret_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  attempts: integer("attempts").notNull(),
  windowStart: integer("window_start").notNull(),
});

/** Fixed-window request counters (per user, per IP) for requests-per-minute limits. */
export const rateWindows = sqliteTable("rate_windows", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowStart: integer("window_start").notNull(),
});

/** Single-use, expiring email tokens (verification, password reset); only hashes stored (T26). */
export const emailTokens = sqliteTable(
  "email_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["verify", "reset"] }).notNull(),
    secretHash: text("secret_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("email_tokens_user").on(t.userId)],
);

/**
 * Sign-ups not yet verified, by the client they came from (a hash of its IPv4 address or IPv6
 * /64, never the address): a client may hold only so many at once (T49). Verification removes the row.
 */
export const pendingSignups = sqliteTable(
  "pending_signups",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    clientTag: text("client_tag").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("pending_signups_client").on(t.clientTag, t.createdAt)],
);

/** Mail the app sends: the outbox shared with the studio mailbox (outbox-schema.ts). */
export { outbox } from "./outbox-schema";

export const documents = sqliteTable(
  "documents",
  {
    id: text("id").primaryKey(),
    collection: text("collection").notNull(),
    ownerId: text("owner_id"),
    data: text("data").notNull(),
    bytes: integer("bytes").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("documents_collection").on(t.collection, t.createdAt, t.id),
    index("documents_owner").on(t.collection, t.ownerId, t.createdAt, t.id),
  ],
);

/** Values of fields a manifest marks `unique`, so two bookings cannot take one slot. */
export const uniqueValues = sqliteTable(
  "unique_values",
  {
    collection: text("collection").notNull(),
    field: text("field").notNull(),
    value: text("value").notNull(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.collection, t.field, t.value] })],
);

export const files = sqliteTable(
  "files",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("files_owner").on(t.ownerId)],
);

/** Atomic usage counters: `bytes:app`, `bytes:user:<id>`, `docs:<collection>:<userId>`. */
export const counters = sqliteTable("counters", {
  key: text("key").primaryKey(),
  value: integer("value").notNull(),
});

/** Stripe customer per user; never returned to clients (T04). */
export const billingCustomers = sqliteTable("billing_customers", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  customerId: text("customer_id").notNull().unique(),
});

/**
 * One row per Stripe subscription, following the state machine in billing/lifecycle.ts.
 * `eventCreated` is the `created` time of the event that last wrote the row (or the time Stripe
 * was re-read): an older event never overwrites a newer state (I5, T37), and a final status
 * (`canceled`, `incomplete_expired`) is never left (T50).
 */
export const subscriptions = sqliteTable(
  "subscriptions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    plan: text("plan").notNull(),
    status: text("status").notNull(),
    currentPeriodEnd: integer("current_period_end"),
    /**
     * End of the last period known to be paid for (ms); access is decided from it at read time (billing/lifecycle.ts).
     */
    paidThrough: integer("paid_through"),
    eventCreated: integer("event_created").notNull(),
    eventId: text("event_id").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("subscriptions_user").on(t.userId)],
);

/** Every webhook event this app received, applied at most once by id (I5, T36). */
export const webhookEvents = sqliteTable("webhook_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  status: text("status", { enum: ["applied", "ignored", "rejected"] }).notNull(),
  reason: text("reason"),
  eventCreated: integer("event_created").notNull(),
  receivedAt: integer("received_at").notNull(),
});

/** Provider accounts linked to an end user: the provider's stable subject, never re-linked by email (T54). */
export const oauthIdentities = sqliteTable(
  "oauth_identities",
  {
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] }), index("oauth_identities_user").on(t.userId)],
);

/**
 * One-time purchases (billing/purchases-apply.ts): one row per paid Checkout Session, written only
 * by the verified webhook path (I4). `refundedAt` set by `charge.refunded` ends the entitlement;
 * the row stays as the record. `documentId` is set for a per-document product.
 */
export const purchases = sqliteTable(
  "purchases",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    product: text("product").notNull(),
    documentId: text("document_id"),
    paymentIntent: text("payment_intent"),
    amount: integer("amount"),
    currency: text("currency"),
    eventId: text("event_id").notNull(),
    createdAt: integer("created_at").notNull(),
    refundedAt: integer("refunded_at"),
  },
  (t) => [
    index("purchases_user").on(t.userId, t.product, t.documentId),
    index("purchases_payment_intent").on(t.paymentIntent),
  ],
);

/** A refund seen before its purchase (events arrive in any order): the purchase is born refunded. */
export const purchaseRefunds = sqliteTable("purchase_refunds", {
  paymentIntent: text("payment_intent").primaryKey(),
  eventId: text("event_id").notNull(),
  refundedAt: integer("refunded_at").notNull(),
});

/**
 * The search index (object/search-index.ts): one row per word of a document's `searchable` fields.
 * Deleting a document deletes its words (cascade), in the same statement.
 */
export const searchTerms = sqliteTable(
  "search_terms",
  {
    collection: text("collection").notNull(),
    term: text("term").notNull(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.collection, t.term, t.documentId] }),
    index("search_terms_document").on(t.documentId),
  ],
);
