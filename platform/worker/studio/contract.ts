import { z } from "zod";
import { blankSchema, manifestSchema } from "../../manifest/schema";

/**
 * Every studio response shape, once. Handlers build their answers through `shape`, which keeps
 * only the fields named here (T04: nothing internal leaves by accident), and the studio (web/)
 * takes its types from `StudioTypes`, so both sides read the same contract.
 */

const id = z.string();
const time = z.number().int();

export const creatorSchema = z.object({ id, email: z.string(), plan: z.string(), createdAt: time });
export const appSchema = z.object({
  id,
  slug: z.string(),
  name: z.string(),
  template: z.string(),
  url: z.string(),
  /** Null until the first publish. */
  version: z.number().int().nullable(),
});
export const blankInfoSchema = blankSchema.pick({ path: true, title: true, purpose: true });
export const templateSchema = z.object({ id, name: z.string(), description: z.string(), manifest: manifestSchema });
export const versionSchema = z.object({
  version: z.number().int(),
  createdAt: time,
  bytes: z.number().int(),
  current: z.boolean(),
});
export const tokenSchema = z.object({ id, name: z.string(), createdAt: time, lastUsedAt: time.nullable() });
export const connectionSchema = z.object({
  state: z.enum(["none", "pending", "connected", "dev"]),
  accountId: z.string().nullable(),
});
const allowanceSchema = z.object({
  apps: z.number().int(),
  aiTokensPerMonth: z.number().int(),
  storageBytes: z.number().int(),
});
const priceSchema = z.object({ amount: z.number().int(), currency: z.string(), interval: z.enum(["month", "year"]) });
export const creatorPlanSchema = z.object({
  id: z.string(),
  name: z.string(),
  price: priceSchema.nullable(),
  allowance: allowanceSchema,
});
export const billingEventSchema = z.object({
  id,
  type: z.string(),
  status: z.enum(["applied", "ignored", "rejected"]),
  reason: z.string().nullable(),
  receivedAt: time,
});
export const subscriberSchema = z.object({
  userId: id,
  email: z.string(),
  plan: z.string(),
  status: z.string(),
  currentPeriodEnd: time.nullable(),
});
export const mailSchema = z.object({
  id,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  kind: z.enum(["verify", "reset"]),
  createdAt: time,
  /** kept (development outbox), queued, sending, sent, retry, failed, unknown: platform/mail/outbox.ts. */
  status: z.string().optional(),
});

export const aiUsageSchema = z.object({ usedTokens: z.number().int(), limitTokens: z.number().int(), resetsAt: time });
export const aiProposalSchema = z.object({
  id,
  /** pending, accepted or rejected. */
  status: z.enum(["pending", "accepted", "rejected"]),
  paths: z.array(z.string()),
  /** Repair rounds it took to build (0: the first answer built). */
  rounds: z.number().int(),
  /** Null when the files are gone (cannot happen while the app exists). */
  files: z.record(z.string(), z.string()).nullable(),
  createdAt: time,
  decidedAt: time.nullable(),
});
export const aiMessageSchema = z.object({
  id,
  role: z.enum(["user", "assistant"]),
  text: z.string(),
  /** The turn's plain-language failure, when it ended without a proposal. */
  error: z.string().nullable(),
  proposal: aiProposalSchema.nullable(),
  tokens: z.number().int(),
  createdAt: time,
});

const tallySchema = z.object({ imported: z.number().int(), skipped: z.number().int(), rejected: z.number().int() });
export const domainSchema = z.object({
  /** ASCII (punycode) form. */
  hostname: z.string(),
  status: z.enum(["pending", "verifying", "active", "failed"]),
  /** The TXT record that proves ownership. */
  txt: z.object({ name: z.string(), value: z.string() }),
  /** Where the domain's CNAME must point (production), or null when the operator has not set one. */
  cnameTarget: z.string().nullable(),
  /** The last check's plain-language outcome. */
  message: z.string().nullable(),
  /** The app's address on the domain, once active. */
  url: z.string().nullable(),
  createdAt: time,
  verifiedAt: time.nullable(),
});

/** One sign-in provider of an app: the secret is write-only, so only whether one is set (docs/oauth.md). */
export const oauthProviderSchema = z.object({
  provider: z.enum(["google", "github"]),
  name: z.string(),
  enabled: z.boolean(),
  clientId: z.string(),
  secretSet: z.boolean(),
  /** Register exactly this with the provider. */
  redirectUri: z.string(),
});

/** One entry per studio response, named for what it answers. */
export const studioResponses = {
  creator: z.object({ creator: creatorSchema }),
  apps: z.object({ apps: z.array(appSchema) }),
  app: z.object({ app: appSchema }),
  files: z.object({
    files: z.record(z.string(), z.string()),
    blanks: z.array(blankInfoSchema),
    /** The draft's revision, also the ETag; send it back as If-Match on PUT. */
    revision: z.string(),
  }),
  savedFiles: z.object({
    files: z.record(z.string(), z.string()),
    saved: z.array(z.string()),
    revision: z.string(),
  }),
  published: z.object({ version: z.number().int(), url: z.string(), bytes: z.number().int() }),
  versions: z.object({ versions: z.array(versionSchema) }),
  rolledBack: z.object({ version: z.number().int(), url: z.string() }),
  /** The app's custom domain, or null (docs/domains.md). */
  domain: z.object({ domain: domainSchema.nullable() }),
  domainRemoved: z.object({ removed: z.object({ hostname: z.string() }) }),
  /** The blanks a version was built from (to compare with the draft before a restore or rollback). */
  versionFiles: z.object({ version: z.number().int(), files: z.record(z.string(), z.string()) }),
  templates: z.object({ templates: z.array(templateSchema) }),
  templateFiles: z.object({ files: z.record(z.string(), z.string()) }),
  /** A template installed into a development platform by `sandlot template push` (T58). */
  templatePushed: z.object({ template: templateSchema, replaced: z.boolean() }),
  tokens: z.object({ tokens: z.array(tokenSchema) }),
  /** The only time a token's secret is shown. */
  issuedToken: tokenSchema.omit({ lastUsedAt: true }).extend({ token: z.string() }),
  connection: z.object({
    connection: connectionSchema,
    /** No Stripe keys on this server: every payment is the dev provider's labelled test payment. */
    testMode: z.boolean(),
  }),
  connectStarted: z.object({ connection: connectionSchema, url: z.string().nullable() }),
  creatorPlan: z.object({ plan: z.string(), allowance: allowanceSchema, plans: z.array(creatorPlanSchema) }),
  checkout: z.object({ url: z.string() }),
  billingEvents: z.object({ events: z.array(billingEventSchema) }),
  dataCollections: z.object({ collections: z.array(z.string()) }),
  dataRecords: z.object({
    records: z.array(
      z.object({
        id: z.string(),
        ownerId: z.string().nullable(),
        ownerEmail: z.string().nullable(),
        data: z.record(z.string(), z.unknown()),
        createdAt: z.number(),
        updatedAt: z.number(),
      }),
    ),
    next: z.string().nullable(),
  }),
  dataUsers: z.object({
    users: z.array(
      z.object({
        id: z.string(),
        email: z.string(),
        verified: z.boolean(),
        createdAt: z.number(),
        plans: z.array(z.string()),
      }),
    ),
    next: z.string().nullable(),
  }),
  subscribers: z.object({ subscribers: z.array(subscriberSchema) }),
  outbox: z.object({ messages: z.array(mailSchema) }),
  /** `purged: false`: the data purge did not finish yet; the scheduled run completes it. */
  appDeleted: z.object({ deleted: z.object({ slug: z.string(), heldUntil: time, purged: z.boolean() }) }),
  /** The assistant's state for the signed-in creator (never the key). */
  aiStatus: z.object({
    configured: z.boolean(),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    usage: aiUsageSchema,
    /** First prompts worth trying, per template. */
    suggestions: z.record(z.string(), z.array(z.string())),
  }),
  aiMessages: z.object({ messages: z.array(aiMessageSchema) }),
  aiAccepted: z.object({
    files: z.record(z.string(), z.string()),
    saved: z.array(z.string()),
    /** The draft's revision after the accept (as PUT /files answers it). */
    revision: z.string(),
  }),
  /** A single-use export download (exports.ts): GET `url` once, within ten minutes, signed in as its creator. */
  exportLink: z.object({ url: z.string(), expiresAt: time }),
  imported: z.object({
    exportId: z.string(),
    resumed: z.boolean(),
    users: tallySchema,
    files: tallySchema,
    records: z.record(z.string(), tallySchema),
    rejections: z.array(z.object({ what: z.string(), id: z.string(), code: z.string(), message: z.string() })),
  }),
  /** `available: false`: the platform has no OAUTH_SECRETS_KEY, so no secret can be stored. */
  oauthProviders: z.object({ providers: z.array(oauthProviderSchema), available: z.boolean() }),
  /** A request taken in (a reset mail asked for, whatever the address), or a reset done. */
  accepted: z.object({ ok: z.literal(true) }),
} as const;

export type StudioResponse = keyof typeof studioResponses;
export type StudioTypes = { [K in StudioResponse]: z.infer<(typeof studioResponses)[K]> };

/** The allow-listed answer: unknown keys are dropped, a wrong type is our bug (500, logged). */
export function shape<K extends StudioResponse>(name: K, value: z.input<(typeof studioResponses)[K]>): StudioTypes[K] {
  return studioResponses[name].parse(value) as StudioTypes[K];
}
