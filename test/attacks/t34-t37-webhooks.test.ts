import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { makeApp, signUp, type TestApp, type TestUser } from "./helpers/app";
import {
  appMetadata,
  appRows,
  d1Count,
  deliver,
  deliverEvent,
  nowSec,
  subscriptionEvent,
} from "../integration/billing-helpers";

/** Webhooks are verified on the raw body and applied exactly once, newest state wins (I5). */

let app: TestApp;
let user: TestUser;

beforeAll(async () => {
  app = await makeApp("hooks");
  user = await signUp(app, "payer@example.com");
});

async function entitlements(): Promise<string[]> {
  const res = await user.client.get("/_api/auth/me");
  expect(res.status).toBe(200);
  return (await json<{ entitlements: { plans: string[] } }>(res)).entitlements.plans;
}

async function nothingChanged(): Promise<void> {
  expect(await appRows(app.appId, "SELECT * FROM subscriptions")).toEqual([]);
  expect(await appRows(app.appId, "SELECT * FROM webhook_events")).toEqual([]);
  expect(await d1Count("platform_webhook_events")).toBe(0);
  expect(await entitlements()).toEqual([]);
}

describe("T34: unsigned or wrongly signed webhooks", () => {
  const payload = (): string =>
    JSON.stringify(
      subscriptionEvent({
        type: "customer.subscription.created",
        subscriptionId: "sub_forged",
        created: nowSec(),
        status: "active",
        metadata: appMetadata(app.appId, user.id),
      }),
    );

  it("refuses a delivery without a signature", async () => {
    const res = await deliver(payload(), { secret: null });
    expect(res.status).toBe(400);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe("invalid_signature");
    await nothingChanged();
  });

  it("refuses a delivery signed with another secret", async () => {
    const res = await deliver(payload(), { secret: "whsec_attacker_guess" });
    expect(res.status).toBe(400);
    await nothingChanged();
  });

  it("refuses a correctly signed body that was altered afterwards", async () => {
    const original = payload();
    const { signPayload } = await import("../../platform/billing/verify");
    const header = await signPayload(original, (await import("../integration/billing-helpers")).WEBHOOK_SECRET);
    const res = await deliver(original.replace('"active"', '"trialing"'), { header });
    expect(res.status).toBe(400);
    await nothingChanged();
  });

  it("refuses a garbage signature header", async () => {
    const res = await deliver(payload(), { header: "t=1,v1=deadbeef" });
    expect(res.status).toBe(400);
    await nothingChanged();
  });
});

describe("T35: replay after the tolerance window", () => {
  it("refuses a validly signed delivery older than 300 s", async () => {
    const res = await deliver(
      JSON.stringify(
        subscriptionEvent({
          type: "customer.subscription.created",
          subscriptionId: "sub_replayed",
          created: nowSec() - 400,
          status: "active",
          metadata: appMetadata(app.appId, user.id),
        }),
      ),
      { timestamp: nowSec() - 301 },
    );
    expect(res.status).toBe(400);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe("invalid_signature");
    await nothingChanged();
  });

  it("accepts the same kind of delivery inside the window (the check is not vacuous)", async () => {
    const res = await deliver(
      JSON.stringify(
        subscriptionEvent({
          type: "customer.subscription.created",
          subscriptionId: "sub_fresh",
          created: nowSec(),
          status: "active",
          metadata: appMetadata(app.appId, user.id),
        }),
      ),
      { timestamp: nowSec() - 200 },
    );
    expect(res.status).toBe(200);
    expect(await entitlements()).toEqual(["pro"]);
    // Leave the user unentitled for the tests below.
    const cancel = subscriptionEvent({
      type: "customer.subscription.deleted",
      subscriptionId: "sub_fresh",
      created: nowSec() + 1,
      status: "canceled",
      metadata: appMetadata(app.appId, user.id),
    });
    expect((await deliverEvent(cancel)).status).toBe(200);
    expect(await entitlements()).toEqual([]);
  });
});

describe("T36: the same event delivered 20 times concurrently", () => {
  it("applies exactly once; the other 19 answer 200 duplicate", async () => {
    const created = nowSec();
    const base = { subscriptionId: "sub_concurrent", metadata: appMetadata(app.appId, user.id) };
    expect(
      (
        await deliverEvent(
          subscriptionEvent({
            ...base,
            type: "customer.subscription.created",
            created: created - 10,
            status: "incomplete",
          }),
        )
      ).status,
    ).toBe(200);
    const event = subscriptionEvent({ ...base, type: "customer.subscription.updated", created, status: "active" });
    const payload = JSON.stringify(event);
    const responses = await Promise.all(Array.from({ length: 20 }, () => deliver(payload)));
    const outcomes = await Promise.all(
      responses.map(async (r) => ({ status: r.status, outcome: (await json<{ outcome: string }>(r)).outcome })),
    );
    expect(outcomes.every((o) => o.status === 200)).toBe(true);
    const counts = outcomes.reduce<Record<string, number>>((acc, o) => {
      acc[o.outcome] = (acc[o.outcome] ?? 0) + 1;
      return acc;
    }, {});
    expect(counts).toEqual({ applied: 1, duplicate: 19 });
    const rows = await appRows<{ id: string; status: string }>(
      app.appId,
      `SELECT id, status FROM webhook_events WHERE id = '${event.id as string}'`,
    );
    expect(rows).toEqual([{ id: event.id, status: "applied" }]);
    const sub = await appRows<{ status: string; event_id: string }>(
      app.appId,
      "SELECT status, event_id FROM subscriptions WHERE id = 'sub_concurrent'",
    );
    expect(sub).toEqual([{ status: "active", event_id: event.id }]);
    expect(await entitlements()).toEqual(["pro"]);
  });
});

describe("T37: events out of order", () => {
  it("deleted, then a stale updated: stays not entitled, the stale one is recorded as ignored", async () => {
    const t = nowSec();
    const base = { subscriptionId: "sub_ooo", metadata: appMetadata(app.appId, user.id) };
    const other = await signUp(app, "late@example.com");
    const meta = appMetadata(app.appId, other.id);
    expect(
      (
        await deliverEvent(
          subscriptionEvent({
            ...base,
            metadata: meta,
            type: "customer.subscription.created",
            created: t - 20,
            status: "active",
          }),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await deliverEvent(
          subscriptionEvent({
            ...base,
            metadata: meta,
            type: "customer.subscription.deleted",
            created: t,
            status: "canceled",
          }),
        )
      ).status,
    ).toBe(200);
    const stale = subscriptionEvent({
      ...base,
      metadata: meta,
      type: "customer.subscription.updated",
      created: t - 10,
      status: "active",
    });
    const res = await deliverEvent(stale);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ outcome: "ignored", reason: "stale" });
    const me = await json<{ entitlements: { plans: string[] } }>(await other.client.get("/_api/auth/me"));
    expect(me.entitlements.plans).toEqual([]);
    expect(await appRows(app.appId, "SELECT status FROM subscriptions WHERE id = 'sub_ooo'")).toEqual([
      { status: "canceled" },
    ]);
    expect(
      await appRows(app.appId, `SELECT status, reason FROM webhook_events WHERE id = '${stale.id as string}'`),
    ).toEqual([{ status: "ignored", reason: "stale" }]);
  });

  it("a same-second updated cannot revive a cancellation", async () => {
    const t = nowSec();
    const other = await signUp(app, "same-second@example.com");
    const base = { subscriptionId: "sub_tie", metadata: appMetadata(app.appId, other.id) };
    await deliverEvent(
      subscriptionEvent({ ...base, type: "customer.subscription.deleted", created: t, status: "canceled" }),
    );
    await deliverEvent(
      subscriptionEvent({ ...base, type: "customer.subscription.updated", created: t, status: "active" }),
    );
    expect(await appRows(app.appId, "SELECT status FROM subscriptions WHERE id = 'sub_tie'")).toEqual([
      { status: "canceled" },
    ]);
  });
});
