/**
 * Payments and files. Checkout only starts a payment: access changes when the server receives the
 * verified payment-provider webhook, never because the browser came back from checkout (I4).
 */

import { SandlotError } from "./core";
import { call, navigateTo } from "./transport";
import type { RegisteredPlanId } from "./types";

/** Start checkout for a plan: asks the server for a checkout URL, then goes there. */
export async function checkout(planId: RegisteredPlanId): Promise<void> {
  const body = await call<{ url?: unknown }>("POST", "/_api/billing/checkout", { plan: planId });
  navigateTo(body?.url);
}

/**
 * Buy a one-time product of the manifest (`products`), for a document when the product is sold per
 * document (`{ documentId }`). Like checkout, coming back proves nothing: `purchases()` and the
 * server's rules change only once the verified payment webhook arrived.
 */
export async function buy(product: string, options: { documentId?: string } = {}): Promise<void> {
  const body = await call<{ url?: unknown }>("POST", "/_api/billing/purchase", {
    product,
    ...(options.documentId === undefined ? {} : { documentId: options.documentId }),
  });
  navigateTo(body?.url);
}

export interface Purchases {
  /** Products bought once per user (`purchased:<product>` in rules). */
  products: string[];
  /** Documents bought through a per-document product (`purchased` in that collection's rules). */
  documents: string[];
}

/** What the signed-in user bought and still holds (a refund removes it). */
export async function purchases(): Promise<Purchases> {
  const body = await call<{ purchases?: { products?: unknown; documents?: unknown } }>(
    "GET",
    "/_api/billing/purchases",
  );
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  return { products: strings(body?.purchases?.products), documents: strings(body?.purchases?.documents) };
}

/** Open the billing portal (change card, cancel) for the signed-in user. */
export async function manageBilling(): Promise<void> {
  const body = await call<{ url?: unknown }>("POST", "/_api/billing/portal");
  navigateTo(body?.url);
}

export interface UploadedFile {
  id: string;
  url: string;
  name: string;
  size: number;
  contentType: string;
}

/** Upload one file (multipart field `file`). The server checks size, type and quota (413 when over). */
export async function uploadFile(file: File): Promise<UploadedFile> {
  const form = new FormData();
  form.append("file", file, file.name);
  const body = await call<{ file?: unknown } & Record<string, unknown>>("POST", "/_api/files", form);
  const f = (typeof body?.file === "object" && body.file !== null ? body.file : body) as Record<string, unknown> | null;
  const id = f?.id;
  if (typeof id !== "string" || !id) throw new SandlotError("bad_response", "The server sent an unexpected answer.", 0);
  return {
    id,
    url: typeof f?.url === "string" ? f.url : `/_api/files/${encodeURIComponent(id)}`,
    name: typeof f?.name === "string" ? f.name : file.name,
    size: typeof f?.size === "number" ? f.size : file.size,
    contentType: typeof f?.contentType === "string" ? f.contentType : file.type,
  };
}
