import type { MailTransport, OutgoingMail, SendResult } from "./provider";

/**
 * Cloudflare Email Service through the `send_email` binding (wrangler.toml `[[send_email]]`):
 * the binding takes a message with text and HTML parts and answers its message id, or throws when
 * it did not accept the message. It has no idempotency key, so a send whose outcome was lost is
 * never repeated (see MailTransport.idempotent); a send it refused is safe to try again.
 */
export function cloudflareTransport(binding: SendEmail): MailTransport {
  return {
    name: "cloudflare",
    idempotent: false,
    async send(mail: OutgoingMail): Promise<SendResult> {
      try {
        const result = await binding.send({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
        });
        return { ok: true, messageId: result.messageId };
      } catch (err) {
        return {
          ok: false,
          retryable: true,
          error: `send_email refused: ${err instanceof Error ? err.message : String(err)}`,
        };
      }
    },
  };
}
