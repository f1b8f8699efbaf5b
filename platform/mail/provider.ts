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

export type { OutboxEntry } from "./outbox";
