import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { inject } from "vitest";
import type { AppObject } from "../../platform/object/app-object";
import { appStub } from "../../platform/worker/stubs";
import { creatorStripeAccounts } from "../../platform/db/d1-schema";
import type { Env } from "../../platform/env";
import { signPayload } from "../../platform/billing/verify";
import { STUDIO_ORIGIN } from "../helpers/client";

/** Shared by the billing tests: Stripe-shaped events, signed deliveries, and storage probes. */

export const WEBHOOK_SECRET = env.STRIPE_WEBHOOK_SECRET!;
export const nowSec = (): number => Math.floor(Date.now() / 1000);
const rand = (): string => crypto.randomUUID().replaceAll("-", "").slice(0, 20);

export interface SubEventInput {
  type: "customer.subscription.created" | "customer.subscription.updated" | "customer.subscription.deleted";
  subscriptionId: string;
  created: number;
  status: string;
  metadata: Record<string, string>;
  account?: string;
  id?: string;
}

export function subscriptionEvent(input: SubEventInput): Record<string, unknown> {
  return {
    id: input.id ?? `evt_${rand()}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: input.created,
    type: input.type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    ...(input.account ? { account: input.account } : {}),
    data: {
      object: {
        id: input.subscriptionId,
        object: "subscription",
        customer: `cus_${rand()}`,
        status: input.status,
        metadata: input.metadata,
        items: {
          object: "list",
          data: [
            {
              id: `si_${rand()}`,
              object: "subscription_item",
              current_period_start: input.created,
              current_period_end: input.created + 30 * 86400,
            },
          ],
        },
      },
    },
  };
}

export const appMetadata = (appId: string, userId: string, plan = "pro"): Record<string, string> => ({
  sandlot_app_id: appId,
  sandlot_user_id: userId,
  sandlot_plan: plan,
});

/** A delivery to the studio's webhook endpoint, signed like Stripe signs (or not, per options). */
export async function deliver(
  payload: string,
  options: { secret?: string | null; timestamp?: number; header?: string } = {},
): Promise<Response> {
  const headers = new Headers({ "content-type": "application/json" });
  if (options.header !== undefined) headers.set("stripe-signature", options.header);
  else if (options.secret !== null)
    headers.set("stripe-signature", await signPayload(payload, options.secret ?? WEBHOOK_SECRET, options.timestamp));
  return exports.default.fetch(
    new Request(`${STUDIO_ORIGIN}/webhooks/stripe`, { method: "POST", headers, body: payload }),
  );
}

export const deliverEvent = (event: Record<string, unknown>): Promise<Response> => deliver(JSON.stringify(event));

/** Rows of a table inside the app's Durable Object, read directly (the probe the tests trust). */
export async function appRows<T = Record<string, unknown>>(appId: string, query: string): Promise<T[]> {
  return runInDurableObject(
    appStub(env, appId),
    (_o: AppObject, state) => state.storage.sql.exec(query).toArray() as T[],
  );
}

export async function d1Count(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>();
  return row?.n ?? 0;
}

export async function connectCreatorAccount(
  creatorId: string,
  accountId: string,
  state: "connected" | "pending" | "dev" = "connected",
): Promise<void> {
  const now = Date.now();
  await drizzle(env.DB)
    .insert(creatorStripeAccounts)
    .values({ creatorId, stripeAccountId: accountId, state, createdAt: now, updatedAt: now });
}

export async function creatorPlan(creatorId: string): Promise<string | undefined> {
  const one = await env.DB.prepare("SELECT plan FROM creators WHERE id = ?").bind(creatorId).first<{ plan: string }>();
  return one?.plan;
}

/** The real SDK pointed at the local Stripe-speaking server (test/stripe-server), for this call only. */
export function realStripeEnv(): Env {
  const api = inject("stripeApi");
  return {
    ...(env as unknown as Env),
    // Built from pieces so no key-shaped literal exists in the repository.
    STRIPE_SECRET_KEY: ["sk", "test", "x".repeat(24)].join("_"),
    STRIPE_API_HOST: api.host,
    STRIPE_API_PORT: String(api.port),
    STRIPE_API_PROTOCOL: "http",
    STRIPE_PLATFORM_FEE_PERCENT: "5",
  };
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  stripeAccount: string | null;
  idempotencyKey: string | null;
}

export async function stripeRequests(): Promise<RecordedRequest[]> {
  const api = inject("stripeApi");
  const res = await fetch(`http://${api.host}:${api.port}/__control/requests`);
  return ((await res.json()) as { requests: RecordedRequest[] }).requests;
}

export async function stripeControl(path: string, body: unknown): Promise<void> {
  const api = inject("stripeApi");
  const res = await fetch(`http://${api.host}:${api.port}/__control/${path}`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status}`);
}
