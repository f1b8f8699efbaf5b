/**
 * What a mail is, whoever sends it. messages.ts writes the words; outbox.ts queues, sends and
 * retries through a transport (transport.ts: the development outbox, Cloudflare Email Service or
 * Resend), and never sends one twice.
 */
export type MailKind = "verify" | "reset";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  kind: MailKind;
}

/**
 * How mail leaves the platform. A transport sends one prepared mail and says whether it went,
 * and whether trying again could help; the outbox (outbox.ts) owns retries and never sends a
 * mail twice.
 */
export interface OutgoingMail {
  from: { name: string; email: string };
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type SendResult = { ok: true; messageId: string } | { ok: false; retryable: boolean; error: string };

export interface MailTransport {
  name: "cloudflare" | "resend";
  /**
   * The provider de-duplicates by our key, so a send whose outcome is unknown (the answer was
   * lost, the object restarted mid-send) may be retried with the same key. Without it such a
   * mail is marked `unknown` and never sent again: at most once.
   */
  idempotent: boolean;
  send(mail: OutgoingMail, options: { idempotencyKey: string }): Promise<SendResult>;
}
