import { enqueueMail, type OutboxStatus } from "../mail/outbox";
import type { MailMessage } from "../mail/provider";
import { appSender, mailRoute, type MailEnv } from "../mail/transport";
import type { AppStore } from "./store";

/**
 * An app's mail to one of its users: into the app's own outbox, sent by the object's alarm
 * through the configured provider (or kept for the studio in development). The request that asked
 * for it answers before any provider is called, so a known and an unknown address cost the same (T21).
 */
export function sendAppMail(
  store: AppStore,
  env: MailEnv,
  app: { slug: string },
  message: MailMessage,
  now: number,
): OutboxStatus {
  const route = mailRoute(env);
  const domain = route.kind === "transport" ? route.fromDomain : (env.MAIL_FROM_DOMAIN ?? "mail.localhost");
  return enqueueMail(store, route, message, appSender(app.slug, domain, app.slug), now);
}
