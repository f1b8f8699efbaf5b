import { beforeAll, describe, expect, it } from "vitest";
import { type Client, json } from "../helpers/client";
import { appRows, deliver, deliverEvent, nowSec } from "../integration/billing-helpers";
import { errorOf, makeApp, signUp, signUpVerified, type TestApp, type TestUser } from "./helpers/app";

/**
 * One-time purchases (docs/billing.md#one-time-purchases) attacked: a buyer's things without
 * buying (T65: rules, downloads, the success URL, forged and replayed payment events), and
 * keeping what was refunded or upgrading someone else's document (T67). Payments go through the
 * dev provider's test page, which signs Stripe-shaped events and hands them to the one webhook
 * handler; forged events are delivered to the studio's `/webhooks/stripe` like Stripe would.
 */

let app: TestApp;
let creator: TestUser;
let buyer: TestUser;
let other: TestUser;
let chapterId: string;
let downloadId: string;
const PDF = new TextEncoder().encode("%PDF-1.4\n% the ebook's bytes\n%%EOF\n");

const form = (token: string): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ token }).toString(),
  redirect: "manual",
});

/** Starts a purchase and pays on the dev provider's test page, as the buyer would. */
async function buyAndPay(u: TestUser, product: string, documentId?: string): Promise<Response> {
  const start = await u.client.post("/_api/billing/purchase", { product, ...(documentId ? { documentId } : {}) });
  expect(start.status).toBe(200);
  const path = new URL((await json<{ url: string }>(start)).url).pathname;
  const page = await (await u.client.get(path)).text();
  expect(page).toContain("TEST MODE");
  const token = /name="token" value="([^"]+)"/.exec(page)?.[1] ?? "";
  return u.client.fetch(path, form(token));
}

const rand = (): string => crypto.randomUUID().replaceAll("-", "").slice(0, 20);

function paidSession(
  userId: string,
  product: string,
  options: { id?: string; sessionId?: string; pi?: string; documentId?: string; appId?: string } = {},
) {
  return {
    id: options.id ?? `evt_${rand()}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: nowSec(),
    type: "checkout.session.completed",
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: {
      object: {
        id: options.sessionId ?? `cs_test_${rand()}`,
        object: "checkout.session",
        mode: "payment",
        status: "complete",
        payment_status: "paid",
        payment_intent: options.pi ?? `pi_${rand()}`,
        amount_total: 900,
        currency: "usd",
        metadata: {
          sandlot_app_id: options.appId ?? app.appId,
          sandlot_user_id: userId,
          sandlot_product: product,
          ...(options.documentId ? { sandlot_document_id: options.documentId } : {}),
        },
      },
    },
  };
}

function refund(pi: string, fully = true) {
  return {
    id: `evt_${rand()}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: nowSec(),
    type: "charge.refunded",
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: {
      object: {
        id: `ch_${rand()}`,
        object: "charge",
        payment_intent: pi,
        refunded: fully,
        amount: 900,
        amount_refunded: fully ? 900 : 100,
        metadata: { sandlot_app_id: app.appId },
      },
    },
  };
}

const purchaseRows = (userId: string) =>
  appRows<{ id: string; product: string; payment_intent: string; refunded_at: number | null }>(
    app.appId,
    `SELECT id, product, payment_intent, refunded_at FROM purchases WHERE user_id = '${userId}' ORDER BY created_at`,
  );

beforeAll(async () => {
  app = await makeApp("t65shop", "sandlot-shop", { creatorEmail: "maker-t65@example.com" });
  [creator, buyer, other] = await Promise.all([
    signUpVerified(app, "maker-t65@example.com"),
    signUp(app, "buyer-t65@example.com"),
    signUp(app, "other-t65@example.com"),
  ]);
  const chapter = await creator.client.post("/_api/collections/chapters", { title: "Chapter one" });
  expect(chapter.status).toBe(201);
  chapterId = (await json<{ item: { id: string } }>(chapter)).item.id;
  const body = new FormData();
  body.append("file", new File([PDF], "ebook.pdf", { type: "application/pdf" }));
  const up = await creator.client.fetch("/_api/files", { method: "POST", body });
  expect(up.status).toBe(201);
  const fileId = (await json<{ file: { id: string } }>(up)).file.id;
  const dl = await creator.client.post("/_api/collections/downloads", { title: "The PDF", file: fileId });
  expect(dl.status).toBe(201);
  downloadId = (await json<{ item: { id: string } }>(dl)).item.id;
});

const download = (client: Client, id = downloadId): Promise<Response> =>
  client.get(`/_api/collections/downloads/${id}/files/file`);

describe("T65 a purchased thing without buying it", () => {
  it("refuses rule-gated documents and the file download to everyone who has not bought", async () => {
    const list = await buyer.client.get("/_api/collections/chapters");
    expect(list.status).toBe(403);
    expect((await errorOf(list)).code).toBe("purchase_required");
    expect((await buyer.client.get(`/_api/collections/chapters/${chapterId}`)).status).toBe(403);
    expect((await app.client().get("/_api/collections/chapters")).status).toBe(401);
    // The product page is public; its file is not.
    expect((await buyer.client.get(`/_api/collections/downloads/${downloadId}`)).status).toBe(200);
    const file = await download(buyer.client);
    expect(file.status).toBe(403);
    expect((await errorOf(file)).code).toBe("purchase_required");
    expect((await download(app.client())).status).toBe(401);
    // Nor through the uploader's own route.
    const item = await json<{ item: { file: string } }>(
      await buyer.client.get(`/_api/collections/downloads/${downloadId}`),
    );
    expect((await buyer.client.get(`/_api/files/${item.item.file}`)).status).toBe(404);
    // The creator (the downloads rule names creator) gets it.
    const own = await download(creator.client);
    expect(own.status).toBe(200);
    expect(new Uint8Array(await own.arrayBuffer())).toEqual(PDF);
  });

  it("grants nothing for starting checkout or for landing on the success URL (T06)", async () => {
    const start = await buyer.client.post("/_api/billing/purchase", { product: "ebook" });
    expect(start.status).toBe(200);
    expect((await buyer.client.get("/?purchase=success&product=ebook")).status).toBeLessThan(500);
    expect((await buyer.client.get("/_api/collections/chapters")).status).toBe(403);
    expect(await purchaseRows(buyer.id)).toEqual([]);
  });

  it("refuses forged payment events: unsigned, wrong secret, stale timestamp", async () => {
    const payload = JSON.stringify(paidSession(other.id, "ebook"));
    expect((await deliver(payload, { secret: null })).status).toBe(400);
    expect((await deliver(payload, { secret: "whsec_not_the_secret" })).status).toBe(400);
    expect((await deliver(payload, { timestamp: nowSec() - 3600 })).status).toBe(400);
    expect(await purchaseRows(other.id)).toEqual([]);
    expect((await other.client.get("/_api/collections/chapters")).status).toBe(403);
  });

  it("grants a paid purchase once: a replayed event and a second event for the same session change nothing", async () => {
    const event = paidSession(other.id, "ebook", { sessionId: "cs_test_replayed_session" });
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliverEvent(event)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const again = paidSession(other.id, "ebook", { sessionId: "cs_test_replayed_session" });
    expect((await deliverEvent(again)).status).toBe(200);
    expect(await purchaseRows(other.id)).toHaveLength(1);
    expect((await other.client.get("/_api/collections/chapters")).status).toBe(200);
    const kinds = await appRows<{ status: string; reason: string | null }>(
      app.appId,
      `SELECT status, reason FROM webhook_events WHERE id IN ('${event.id}', '${again.id}') ORDER BY status`,
    );
    expect(kinds).toEqual([
      { status: "applied", reason: null },
      { status: "ignored", reason: "already_recorded" },
    ]);
  });

  it("grants nothing for a product the app does not sell, an unpaid session or a missing document", async () => {
    const probe = await signUp(app, "probe-t65@example.com");
    await deliverEvent(paidSession(probe.id, "platinum"));
    const unpaid = paidSession(probe.id, "ebook");
    unpaid.data.object.payment_status = "unpaid";
    await deliverEvent(unpaid);
    // A per-document product without its document, and a whole product with one.
    await deliverEvent(paidSession(probe.id, "download"));
    await deliverEvent(paidSession(probe.id, "ebook", { documentId: downloadId }));
    expect(await purchaseRows(probe.id)).toEqual([]);
    expect((await probe.client.get("/_api/collections/chapters")).status).toBe(403);
  });

  it("after paying on the checkout page the buyer reads and downloads, and nobody else does", async () => {
    const paid = await buyAndPay(buyer, "ebook");
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`${app.origin}/?purchase=success&product=ebook#/account`);
    const list = await json<{ items: { title: string }[] }>(await buyer.client.get("/_api/collections/chapters"));
    expect(list.items.map((i) => i.title)).toEqual(["Chapter one"]);
    // The ebook does not buy the download: that is its own, per-document product.
    expect((await download(buyer.client)).status).toBe(403);
    expect((await buyAndPay(buyer, "download", downloadId)).status).toBe(303);
    const file = await download(buyer.client);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain("attachment");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
    expect((await download(other.client)).status).toBe(403);
    const mine = await json<{ purchases: { products: string[]; documents: string[] } }>(
      await buyer.client.get("/_api/billing/purchases"),
    );
    expect(mine.purchases).toEqual({ products: ["ebook"], documents: [downloadId] });
    const again = await buyer.client.post("/_api/billing/purchase", { product: "ebook" });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("already_purchased");
  });

  it("checks the purchase request itself", async () => {
    expect((await app.client().post("/_api/billing/purchase", { product: "ebook" })).status).toBe(401);
    const cases: [unknown, number, string][] = [
      [{ product: "platinum" }, 400, "unknown_product"],
      [{ product: "download" }, 400, "document_required"],
      [{ product: "ebook", documentId: downloadId }, 400, "unknown_product"],
      [{ product: "download", documentId: crypto.randomUUID() }, 404, "no_such_document"],
      [{ product: "download", documentId: chapterId }, 404, "no_such_document"],
      [{ product: "ebook", userId: other.id }, 400, "unknown_field"],
    ];
    for (const [body, status, code] of cases) {
      const res = await other.client.post("/_api/billing/purchase", body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await errorOf(res)).code).toBe(code);
    }
  });
});

describe("T67 keep a refunded purchase, or upgrade someone else's document", () => {
  it("a full refund ends the entitlement; a partial one does not", async () => {
    const [row] = (await purchaseRows(buyer.id)).filter((r) => r.product === "ebook");
    expect(row).toBeDefined();
    expect((await deliverEvent(refund(row!.payment_intent, false))).status).toBe(200);
    expect((await buyer.client.get("/_api/collections/chapters")).status).toBe(200);
    expect((await deliverEvent(refund(row!.payment_intent))).status).toBe(200);
    const gone = await buyer.client.get("/_api/collections/chapters");
    expect(gone.status).toBe(403);
    expect((await errorOf(gone)).code).toBe("purchase_required");
    // The download bought separately is untouched.
    expect((await download(buyer.client)).status).toBe(200);
  });

  it("a refund that overtakes its purchase event still wins", async () => {
    const late = await signUp(app, "late-t67@example.com");
    const pi = `pi_${rand()}`;
    await deliverEvent(refund(pi));
    await deliverEvent(paidSession(late.id, "ebook", { pi }));
    expect((await purchaseRows(late.id))[0]?.refunded_at).toEqual(expect.any(Number));
    expect((await late.client.get("/_api/collections/chapters")).status).toBe(403);
  });

  it("the featured upgrade: not settable by its owner, not buyable for someone else's listing, undone by a refund", async () => {
    const created = await buyer.client.post("/_api/collections/listings", {
      title: "Bike repair",
      category: "tools",
      status: "pending",
    });
    expect(created.status).toBe(201);
    const listingId = (await json<{ item: { id: string } }>(created)).item.id;
    const direct = await buyer.client.patch(`/_api/collections/listings/${listingId}`, { featured: true });
    expect(direct.status).toBe(400);
    // Another user cannot even see the pending listing; once approved they still do not own it.
    expect(
      (await other.client.post("/_api/billing/purchase", { product: "featured", documentId: listingId })).status,
    ).toBe(404);
    expect((await creator.client.patch(`/_api/collections/listings/${listingId}`, { status: "approved" })).status).toBe(
      200,
    );
    const foreign = await other.client.post("/_api/billing/purchase", { product: "featured", documentId: listingId });
    expect(foreign.status).toBe(403);
    expect((await errorOf(foreign)).code).toBe("not_owner");

    expect((await buyAndPay(buyer, "featured", listingId)).status).toBe(303);
    const featured = await json<{ items: { id: string }[] }>(
      await app.client().get("/_api/collections/listings?where[featured]=true"),
    );
    expect(featured.items.map((i) => i.id)).toEqual([listingId]);
    const [row] = (await purchaseRows(buyer.id)).filter((r) => r.product === "featured");
    await deliverEvent(refund(row!.payment_intent));
    const after = await json<{ item: { featured?: boolean } }>(
      await app.client().get(`/_api/collections/listings/${listingId}`),
    );
    expect(after.item.featured).toBe(false);
  });
});
