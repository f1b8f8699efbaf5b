import type { MailMessage } from "./provider";

/**
 * The words of the mails an app sends. Links are built from the app's origin as the Worker
 * resolved it from configuration, never from a request header (T26). The token travels in the
 * fragment so it is not sent to any server in a Referer or a log line when the page loads.
 */

export function verifyMail(to: string, origin: string, appName: string, token: string): MailMessage {
  return {
    to,
    kind: "verify",
    subject: `Confirm your email for ${appName}`,
    text:
      "Confirm that this is your email address by opening this link within 24 hours:\n\n" +
      `${origin}/#sandlot_verify=${token}\n\n` +
      `If you did not sign up for ${appName}, ignore this message.`,
  };
}

export function resetMail(to: string, origin: string, appName: string, token: string): MailMessage {
  return {
    to,
    kind: "reset",
    subject: `Reset your ${appName} password`,
    text:
      "Someone asked to reset the password for this address. To choose a new password, open this link within " +
      `1 hour:\n\n${origin}/#sandlot_reset=${token}\n\n` +
      "If it was not you, ignore this message; your password stays the same.",
  };
}

/** Pulls the token out of a mail body; used by tests and by the studio's outbox view. */
export function tokenFromMail(text: string): string | null {
  return /#sandlot_(?:verify|reset)=([a-z2-7]{32}\.[a-z2-7]{32})/.exec(text)?.[1] ?? null;
}
