import type { MailTransport, OutgoingMail, SendResult } from "./provider";

/**
 * Resend's HTTP API: `POST /emails` with a Bearer key and JSON, answered with `{id}`. The
 * outbox row id travels as `Idempotency-Key`: Resend answers a repeat with the first response
 * and sends nothing (24 h), which is what makes a retry after a lost answer safe. Errors are
 * `{statusCode, name, message}`; 429 and 5xx are worth retrying, other 4xx are not, except
 * `concurrent_idempotent_requests` (the first attempt is still running). The base URL is
 * configurable only so tests can point it at test/mail-server.
 */

const DEFAULT_BASE = "https://api.resend.com";
const TIMEOUT_MS = 15_000;

const address = (from: OutgoingMail["from"]): string => `${from.name.replace(/["<>\r\n]/g, "")} <${from.email}>`;

export function resendTransport(config: { apiKey: string; baseUrl?: string | undefined }): MailTransport {
  const base = (config.baseUrl ?? DEFAULT_BASE).replace(/\/+$/, "");
  return {
    name: "resend",
    idempotent: true,
    async send(mail: OutgoingMail, options: { idempotencyKey: string }): Promise<SendResult> {
      let res: Response;
      try {
        res = await fetch(`${base}/emails`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${config.apiKey}`,
            "content-type": "application/json",
            "idempotency-key": options.idempotencyKey,
          },
          body: JSON.stringify({
            from: address(mail.from),
            to: [mail.to],
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
          }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (err) {
        // No answer: it may or may not have been sent; the same key makes the retry safe.
        return {
          ok: false,
          retryable: true,
          error: `resend unreachable: ${err instanceof Error ? err.message : String(err)}`,
        };
      }
      const body = (await res.json().catch(() => null)) as { id?: unknown; name?: unknown; message?: unknown } | null;
      if (res.ok && typeof body?.id === "string") return { ok: true, messageId: body.id };
      const name = typeof body?.name === "string" ? body.name : "unknown_error";
      const retryable = res.status === 429 || res.status >= 500 || name === "concurrent_idempotent_requests" || res.ok;
      return {
        ok: false,
        retryable,
        error: `resend ${res.status} ${name}${typeof body?.message === "string" ? `: ${body.message}` : ""}`,
      };
    },
  };
}
