/** Tables of the studio mailbox Durable Object (object/studio-mailbox.ts): only the mail outbox. */
export { outbox } from "./outbox-schema";
