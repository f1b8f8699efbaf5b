import { z } from "zod";
import { PASSWORD_MAX } from "../../auth/password";
import { credentialsSchema, emailSchema, loginSchema, passwordSchema } from "../../auth/schemas";

/**
 * Every studio request body and query the handlers validate, once. The handlers parse with these
 * and the studio's OpenAPI document (openapi/studio-ops.ts) is written from them, so the two
 * cannot disagree. Response shapes live in contract.ts.
 */

/** Longest message a creator may send the assistant. */
export const MAX_MESSAGE_CHARS = 4000;

export const studioBodies = {
  signup: credentialsSchema,
  login: loginSchema,
  passwordChange: z
    .object({ currentPassword: z.string().min(1).max(PASSWORD_MAX), newPassword: passwordSchema })
    .strict(),
  resetRequest: z.object({ email: emailSchema }).strict(),
  reset: z.object({ token: z.string().min(1).max(200), password: passwordSchema }).strict(),
  createToken: z.object({ name: z.string().trim().min(1).max(60) }).strict(),
  creatorCheckout: z.object({ plan: z.string().min(1).max(64) }).strict(),
  createApp: z
    .object({
      // Validated by checkSlug for a sentence a person can act on; the schema only bounds it.
      slug: z.string().max(100),
      template: z.string().min(1).max(60),
      name: z.string().trim().min(1).max(80).optional(),
    })
    .strict(),
  renameApp: z
    .object({ name: z.string().trim().min(1, "Give the app a name.").max(80, "Keep the name under 80 characters.") })
    .strict(),
  deleteApp: z.object({ confirm: z.string().max(100) }).strict(),
  // Keys are checked one by one in checkEdits (with file names in the message), not by the schema.
  putFiles: z.object({ files: z.record(z.string(), z.string()) }).strict(),
  resetFile: z.object({ path: z.string().max(300) }).strict(),
  rollback: z.object({ version: z.number().int().min(1) }).strict(),
  addDomain: z.object({ hostname: z.string().max(300) }).strict(),
  removeDomain: z.object({ confirm: z.string().max(300) }).strict(),
  oauthSettings: z
    .object({
      enabled: z.boolean(),
      clientId: z.string().trim().max(256),
      /** Omitted: the stored secret stays. */
      clientSecret: z.string().trim().min(1, "Paste the client secret.").max(512).optional(),
    })
    .strict()
    .refine((v) => !v.enabled || v.clientId.length > 0, { message: "Paste the client id first.", path: ["clientId"] }),
  chat: z
    .object({
      message: z.string().min(1).max(MAX_MESSAGE_CHARS),
      blank: z.string().max(300).optional(),
    })
    .strict(),
  templatePush: z
    .object({
      manifest: z.unknown(),
      files: z.record(z.string(), z.string()),
    })
    .strict(),
} as const;

export const studioQueries = {
  appOutbox: z
    .object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      copy: z.enum(["live", "preview"]).default("live"),
    })
    .strict(),
  devOutbox: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }).strict(),
} as const;

export type StudioBody = keyof typeof studioBodies;
