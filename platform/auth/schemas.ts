import { z } from "zod";
import { isCommonPassword } from "./common-passwords";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password";

// Messages here are whole sentences for the person at the form; parseWith passes them on as-is.

export const emailSchema = z
  .string()
  .trim()
  .max(254, "That email address is too long.")
  .transform((s) => s.toLowerCase())
  .pipe(z.email("Enter an email address like name@example.com."));

/** A new password: long enough, not absurdly long, and not one of the commonest (NIST 800-63B). */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters for your password.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters for your password.`)
  .refine(
    (p) => !isCommonPassword(p),
    "That password is one of the most common ones and easy to guess. Choose another, such as a few unrelated words.",
  );

export const credentialsSchema = z.object({ email: emailSchema, password: passwordSchema }).strict();

/** Login must not reveal the password policy of an account, so it only bounds sizes. */
export const loginSchema = z
  .object({ email: emailSchema, password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX) })
  .strict();
