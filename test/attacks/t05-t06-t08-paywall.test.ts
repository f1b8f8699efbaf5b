import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { makeApp, signUp, type TestApp, type TestUser } from "./helpers/app";
import { appMetadata, deliverEvent, nowSec, subscriptionEvent } from "../integration/billing-helpers";

/**
 * Paid data is refused without a subscription written by the verified webhook path (I4): not
 * the success URL, not anything the frontend sends.
 */

let app: TestApp;
let free: TestUser;
let payer: TestUser;

const plans = async (u: TestUser): Promise<string[]> =>
  (await json<{ entitlements: { plans: string[] } }>(await u.client.get("/_api/auth/me"))).entitlements.plans;

beforeAll(async () => {
  app = await makeApp("paywalled");
  free = await signUp(app, "free@example.com");
  payer = await signUp(app, "payer@example.com");
});

describe("T05/T08: a plan:pro collection", () => {
  it("refuses a free user to list and create, whatever the frontend shows", async () => {
    const list = await free.client.get("/_api/collections/premium");
    expect([402, 403]).toContain(list.status);
    const create = await free.client.post("/_api/collections/premium", { title: "sneaky" });
    expect([402, 403]).toContain(create.status);
  });

  it("serves a user whose subscription arrived through a signed webhook", async () => {
    const res = await deliverEvent(
      subscriptionEvent({
        type: "customer.subscription.created",
        subscriptionId: "sub_payer",
        created: nowSec(),
        status: "active",
        metadata: appMetadata(app.appId, payer.id),
      }),
    );
    expect(res.status).toBe(200);
    const create = await payer.client.post("/_api/collections/premium", { title: "paid content" });
    expect(create.status).toBe(201);
    const list = await payer.client.get("/_api/collections/premium");
    expect(list.status).toBe(200);
    expect((await json<{ items: unknown[] }>(list)).items).toHaveLength(1);
    // ...and still not the free user.
    expect([402, 403]).toContain((await free.client.get("/_api/collections/premium")).status);
  });
});

describe("T06: the checkout success URL proves nothing", () => {
  it("opening or forging it leaves entitlements unchanged", async () => {
    const start = await free.client.post("/_api/billing/checkout", { plan: "pro" });
    expect(start.status).toBe(200);
    for (const path of [
      "/?checkout=success",
      "/?checkout=success&session_id=cs_test_forged",
      "/_sandlot/dev-checkout/cs_test_forged",
    ]) {
      await free.client.get(path);
    }
    expect(await plans(free)).toEqual([]);
    expect([402, 403]).toContain((await free.client.get("/_api/collections/premium")).status);
  });

  it("a client cannot claim a plan in the request body", async () => {
    const res = await free.client.post("/_api/billing/checkout", { plan: "pro", paid: true });
    expect(res.status).toBe(400);
    expect(await plans(free)).toEqual([]);
  });
});
