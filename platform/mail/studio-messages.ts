import type { MailMessage } from "./provider";

/**
 * The words of the studio's own mail to creators (apps' mail is in messages.ts). The link is
 * built from the configured studio origin, and the token travels in the fragment (T26).
 */
export function creatorResetMail(to: string, studioOrigin: string, token: string): MailMessage {
  return {
    to,
    kind: "reset",
    subject: "Reset your Sandlot password",
    text:
      "Someone asked to reset the password of your Sandlot account. To choose a new password, open this link " +
      `within 1 hour:\n\n${studioOrigin}/reset-password#sandlot_reset=${token}\n\n` +
      "Choosing a new password signs you out everywhere and revokes your API tokens.\n\n" +
      "If it was not you, ignore this message; your password stays the same.",
  };
}
