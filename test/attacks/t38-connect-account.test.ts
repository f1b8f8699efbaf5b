import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { makeApp, signUp, type TestApp, type TestUser } from "./helpers/app";
import {
  appMetadata,
  appRows,
  connectCreatorAccount,
  deliverEvent,
  nowSec,
  subscriptionEvent,
} from "../integration/billing-helpers";

/** T38: a Connect event naming another creator's app or account writes nothing to any app. */

let victim: TestApp;
let attacker: TestApp;
let user: TestUser;

async function creatorOf(appId: string): Promise<string> {
  const row = await env.DB.prepare("SELECT creator_id FROM apps WHERE id = ?")
    .bind(appId)
    .first<{ creator_id: string }>();
  return row!.creator_id;
}

beforeAll(async () => {
  victim = await makeApp("victim-shop");
  attacker = await makeApp("attacker-shop");
  await connectCreatorAccount(await creatorOf(victim.appId), "acct_victim0000000001");
  await connectCreatorAccount(await creatorOf(attacker.appId), "acct_attacker00000001");
  user = await signUp(victim, "buyer@example.com");
});

describe("T38: Connect events are checked against the app owner's account", () => {
  it("ignores an event from the attacker's account that names the victim's app", async () => {
    const event = subscriptionEvent({
      type: "customer.subscription.created",
      subscriptionId: "sub_cross_tenant",
      created: nowSec(),
      status: "active",
      metadata: appMetadata(victim.appId, user.id),
      account: "acct_attacker00000001",
    });
    const res = await deliverEvent(event);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ outcome: "ignored", reason: "account_mismatch" });
    for (const app of [victim, attacker]) {
      expect(await appRows(app.appId, "SELECT * FROM webhook_events")).toEqual([]);
      expect(await appRows(app.appId, "SELECT * FROM subscriptions")).toEqual([]);
    }
    const me = await json<{ entitlements: { plans: string[] } }>(await user.client.get("/_api/auth/me"));
    expect(me.entitlements.plans).toEqual([]);
    const logged = await env.DB.prepare("SELECT status, reason, account FROM platform_webhook_events WHERE id = ?")
      .bind(event.id)
      .first();
    expect(logged).toEqual({ status: "ignored", reason: "account_mismatch", account: "acct_attacker00000001" });
  });

  it("ignores an event from an account no creator owns", async () => {
    const res = await deliverEvent(
      subscriptionEvent({
        type: "customer.subscription.created",
        subscriptionId: "sub_stranger",
        created: nowSec(),
        status: "active",
        metadata: appMetadata(victim.appId, user.id),
        account: "acct_unknown000000001",
      }),
    );
    expect(await json(res)).toMatchObject({ outcome: "ignored", reason: "account_mismatch" });
    expect(await appRows(victim.appId, "SELECT * FROM subscriptions")).toEqual([]);
  });

  it("ignores an event naming an app that does not exist", async () => {
    const res = await deliverEvent(
      subscriptionEvent({
        type: "customer.subscription.created",
        subscriptionId: "sub_ghost",
        created: nowSec(),
        status: "active",
        metadata: appMetadata(crypto.randomUUID(), user.id),
      }),
    );
    expect(await json(res)).toMatchObject({ outcome: "ignored", reason: "unknown_app" });
  });

  it("applies the same event from the owner's own account (the check is not vacuous)", async () => {
    const res = await deliverEvent(
      subscriptionEvent({
        type: "customer.subscription.created",
        subscriptionId: "sub_legit",
        created: nowSec(),
        status: "active",
        metadata: appMetadata(victim.appId, user.id),
        account: "acct_victim0000000001",
      }),
    );
    expect(await json(res)).toMatchObject({ outcome: "applied" });
    const me = await json<{ entitlements: { plans: string[] } }>(await user.client.get("/_api/auth/me"));
    expect(me.entitlements.plans).toEqual(["pro"]);
    expect(await appRows(attacker.appId, "SELECT * FROM subscriptions")).toEqual([]);
  });
});
