import type { Env } from "../env";
import { devFeaturesEnabled } from "../environment";
import { cloudflareTransport } from "./cloudflare";
import type { MailTransport, OutgoingMail } from "./provider";
import { resendTransport } from "./resend";

/**
 * Which transport mail leaves by (provider.ts says what a transport is), chosen by MAIL_PROVIDER: `outbox` (development
 * only: mail is kept for the studio to
 * show), `cloudflare` (the `send_email` binding, Cloudflare Email Service) or `resend` (Resend's
 * HTTP API). See docs/mail.md.
 */

export type MailRoute =
  | { kind: "outbox" }
  | { kind: "transport"; transport: MailTransport; fromDomain: string }
  | { kind: "unconfigured"; reason: string };

export type MailEnv = Pick<
  Env,
  "ENVIRONMENT" | "MAIL_PROVIDER" | "MAIL_FROM_DOMAIN" | "EMAIL" | "RESEND_API_KEY" | "RESEND_API_URL"
>;

export function mailRoute(env: MailEnv): MailRoute {
  const dev = devFeaturesEnabled(env);
  const provider = env.MAIL_PROVIDER ?? (dev ? "outbox" : "");
  if (provider === "outbox") {
    // Reset links are credentials: outside development nobody may read them from storage.
    return dev ? { kind: "outbox" } : { kind: "unconfigured", reason: "MAIL_PROVIDER=outbox is for development only" };
  }
  const fromDomain = env.MAIL_FROM_DOMAIN?.trim().toLowerCase() ?? "";
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(fromDomain))
    return { kind: "unconfigured", reason: "MAIL_FROM_DOMAIN is not set to a domain" };
  if (provider === "cloudflare") {
    if (!env.EMAIL)
      return { kind: "unconfigured", reason: "MAIL_PROVIDER=cloudflare needs the EMAIL send_email binding" };
    return { kind: "transport", transport: cloudflareTransport(env.EMAIL), fromDomain };
  }
  if (provider === "resend") {
    if (!env.RESEND_API_KEY) return { kind: "unconfigured", reason: "MAIL_PROVIDER=resend needs RESEND_API_KEY" };
    return {
      kind: "transport",
      transport: resendTransport({ apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_API_URL }),
      fromDomain,
    };
  }
  return {
    kind: "unconfigured",
    reason: provider ? `MAIL_PROVIDER=${JSON.stringify(provider)} is not a provider` : "MAIL_PROVIDER is not set",
  };
}

/** An app sends as `<slug>@<MAIL_FROM_DOMAIN>`, so a reader sees which app wrote, and replies go nowhere else. */
export function appSender(slug: string, fromDomain: string, displayName: string): OutgoingMail["from"] {
  return { name: displayName, email: `${slug}@${fromDomain}` };
}

export function studioSender(fromDomain: string): OutgoingMail["from"] {
  return { name: "Sandlot", email: `no-reply@${fromDomain}` };
}
