/**
 * workerd helpers for template contract tests: seed documents a creator would have written, and
 * grant a plan the only way the platform accepts, a correctly signed Stripe webhook delivered to
 * `POST /webhooks/stripe` on the studio origin (the test secret is in vitest.config.ts).
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { Client, json, STUDIO_ORIGIN } from "../../test/helpers/client";

export const TEST_WEBHOOK_SECRET = "whsec_test_only_not_a_real_secret";

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message)));
  return Array.from(sig, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Sends `customer.subscription.created` for (app, user, plan), signed like Stripe signs. */
export async function grantPlan(opts: { appId: string; userId: string; plan: string }): Promise<Response> {
  const created = Math.floor(Date.now() / 1000);
  const id = crypto.randomUUID().replace(/-/g, "");
  const event = {
    id: `evt_tpl_${id}`,
    object: "event",
    type: "customer.subscription.created",
    created,
    livemode: false,
    api_version: "2025-01-27.acacia",
    data: {
      object: {
        id: `sub_tpl_${id.slice(0, 16)}`,
        object: "subscription",
        customer: `cus_tpl_${id.slice(0, 12)}`,
        status: "active",
        created,
        metadata: { sandlot_app_id: opts.appId, sandlot_user_id: opts.userId, sandlot_plan: opts.plan },
        items: {
          object: "list",
          data: [
            {
              id: `si_tpl_${id.slice(0, 10)}`,
              object: "subscription_item",
              current_period_start: created,
              current_period_end: created + 30 * 86400,
              price: {
                id: "price_tpl",
                object: "price",
                currency: "usd",
                unit_amount: 500,
                recurring: { interval: "month", interval_count: 1 },
              },
              quantity: 1,
            },
          ],
        },
      },
    },
  };
  const payload = JSON.stringify(event);
  const t = Math.floor(Date.now() / 1000);
  const signature = `t=${t},v1=${await hmacHex(TEST_WEBHOOK_SECRET, `${t}.${payload}`)}`;
  return new Client(STUDIO_ORIGIN).fetch("/webhooks/stripe", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signature, "sec-fetch-site": "cross-site" },
    body: payload,
  });
}

/**
 * Inserts a document straight into the app's Durable Object, as the creator's own writing would
 * have left it (no owner). Only for content the test needs to exist before users arrive.
 */
export async function seedDocument(appId: string, collection: string, data: Record<string, unknown>): Promise<string> {
  const stub = env.APP.get(env.APP.idFromName(appId));
  const id = crypto.randomUUID();
  const json = JSON.stringify(data);
  const now = Date.now();
  await runInDurableObject(stub, async (_obj, state) => {
    state.storage.sql.exec(
      "INSERT INTO documents (id, collection, owner_id, data, bytes, created_at, updated_at) VALUES (?, ?, NULL, ?, ?, ?, ?)",
      id,
      collection,
      json,
      new TextEncoder().encode(json).length,
      now,
      now,
    );
  });
  return id;
}

let n = 0;
/** A fresh end user of the app at `origin`, signed in. */
export async function signedUpUser(
  origin: string,
  label: string,
): Promise<{ client: Client; userId: string; email: string }> {
  const client = new Client(origin);
  const email = `${label}-${Date.now()}-${++n}@example.com`;
  const res = await client.post("/_api/auth/signup", { email, password: "correct horse battery staple" });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  return { client, userId: body.user.id, email };
}

/**
 * Buys a per-document product the way an end user does in test mode: start the purchase, open the
 * dev provider's labelled test page, post its form. The page signs a Stripe-shaped event and hands
 * it to the one webhook handler, so the entitlement (and a `sets` flag) comes from the real path.
 * Answers the form post (303 to the app once paid).
 */
export async function buyAndPay(client: Client, product: string, documentId: string): Promise<Response> {
  const start = await client.post("/_api/billing/purchase", { product, documentId });
  if (start.status !== 200) throw new Error(`purchase start answered ${start.status}: ${await start.text()}`);
  const path = new URL((await json<{ url: string }>(start)).url).pathname;
  const page = await (await client.get(path)).text();
  if (!page.includes("TEST MODE")) throw new Error(`${path} is not the labelled test-mode checkout page`);
  const token = /name="token" value="([^"]+)"/.exec(page)?.[1] ?? "";
  return client.fetch(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
    redirect: "manual",
  });
}
