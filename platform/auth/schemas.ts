import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password";

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .transform((s) => s.toLowerCase())
  .pipe(z.email("must be an email address"));

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

export const credentialsSchema = z.object({ email: emailSchema, password: passwordSchema }).strict();

/** Login must not reveal the password policy of an account, so it only bounds sizes. */
export const loginSchema = z.object({ email: emailSchema, password: z.string().min(1).max(PASSWORD_MAX) }).strict();
