import { z } from "zod";
import { PASSWORD_MAX } from "../../auth/password";
import { credentialsSchema, emailSchema, loginSchema, passwordSchema } from "../../auth/schemas";

/**
 * Request and response schemas of the fixed part of the app contract (auth, files, errors).
 * Handlers validate with these and the OpenAPI document is generated from these; collection
 * schemas are derived per app from its manifest in documents.ts.
 */

export const signupBody = credentialsSchema;
export const loginBody = loginSchema;
const emailToken = z.string().min(1).max(200);
export const verifyBody = z.object({ token: emailToken }).strict();
export const resetRequestBody = z.object({ email: emailSchema }).strict();
export const resetBody = z.object({ token: emailToken, password: passwordSchema }).strict();
export const passwordChangeBody = z
  .object({ currentPassword: z.string().min(1).max(PASSWORD_MAX), newPassword: passwordSchema })
  .strict();

export const userSchema = z
  .object({ id: z.string(), email: z.string(), emailVerified: z.boolean(), createdAt: z.number().int() })
  .strict();
export const entitlementsSchema = z.object({ plans: z.array(z.string()), grants: z.array(z.string()) }).strict();
export const userResponse = z.object({ user: userSchema }).strict();
export const meResponse = z
  .object({
    user: userSchema,
    entitlements: entitlementsSchema,
    creator: z.boolean().describe("True for the app's creator signed in with their verified Sandlot email"),
  })
  .strict();
export const appResponse = z
  .object({ app: z.object({ name: z.string(), slug: z.string() }).strict() })
  .strict()
  .describe("The app's public facts: its name as the creator set it, and its address");
export const acceptedResponse = z.object({ ok: z.literal(true) }).strict();

export const fileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    contentType: z.string(),
    bytes: z.number().int(),
    createdAt: z.number().int(),
  })
  .strict();
export const fileResponse = z.object({ file: fileSchema }).strict();

export const errorResponse = z
  .object({ error: z.object({ code: z.string(), message: z.string(), requestId: z.string().optional() }) })
  .describe("Every error: a stable code, a sentence for people, and the request id for support.");

/** The body of `POST /_api/billing/checkout`; the handler validates with this same schema. */
export const billingCheckoutBody = z.object({ plan: z.string().min(1).max(64) }).strict();
export const urlResponse = z.object({ url: z.string() }).strict();
/** `POST /_api/billing/purchase`: a product of the manifest, and the document a per-document product is for. */
export const billingPurchaseBody = z
  .object({ product: z.string().min(1).max(64), documentId: z.string().min(1).max(64).optional() })
  .strict();
export const purchasesResponse = z
  .object({
    purchases: z
      .object({
        products: z.array(z.string()).describe("Products bought once per user, not refunded"),
        documents: z.array(z.string()).describe("Ids of documents bought through a per-document product"),
      })
      .strict(),
  })
  .strict();

/** GET /_api/auth/providers (answered in the Worker, worker/app/oauth.ts): the sign-in buttons to show. */
export const providersResponse = z
  .object({
    providers: z.array(z.object({ id: z.enum(["google", "github"]), name: z.string() }).strict()),
  })
  .strict();
