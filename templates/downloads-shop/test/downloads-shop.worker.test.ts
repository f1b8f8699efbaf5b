/**
 * downloads-shop on the real backend (workerd): product pages are public and only the creator
 * writes them; a product's file is refused to everyone until they buy it (the dev provider's test
 * checkout, whose signed event goes through the one webhook handler), served after, and refused
 * again after a full refund; the all-access plan opens every file while it is live and closes
 * them when the subscription ends. Buying one product never opens another.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type Client, json } from "../../../test/helpers/client";
import {
  errorOf,
  makeApp,
  signUp,
  signUpVerified,
  type TestApp,
  type TestUser,
} from "../../../test/attacks/helpers/app";
import { buyAndPay } from "../../_kit/worker";
import { appRows, deliverEvent, nowSec, subscriptionEvent } from "../../../test/integration/billing-helpers";

const rand = (): string => crypto.randomUUID().replaceAll("-", "").slice(0, 20);
const PDF = new TextEncoder().encode("%PDF-1.4\n% the planner's bytes\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

let app: TestApp;
let creator: TestUser;
let planner: string;
let icons: string;

async function upload(u: TestUser, bytes: Uint8Array, name: string, type: string): Promise<string> {
  const body = new FormData();
  body.append("file", new File([bytes], name, { type }));
  const res = await u.client.fetch("/_api/files", { method: "POST", body });
  expect(res.status).toBe(201);
  return (await json<{ file: { id: string } }>(res)).file.id;
}

async function addProduct(data: Record<string, unknown>): Promise<string> {
  const res = await creator.client.post("/_api/collections/products", data);
  expect(res.status).toBe(201);
  return (await json<{ item: { id: string } }>(res)).item.id;
}

const download = (client: Client, id: string): Promise<Response> =>
  client.get(`/_api/collections/products/${id}/files/file`);

function fullRefund(paymentIntent: string): Record<string, unknown> {
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
        payment_intent: paymentIntent,
        refunded: true,
        amount: 1200,
        amount_refunded: 1200,
        metadata: { sandlot_app_id: app.appId },
      },
    },
  };
}

const subscription = (userId: string, subscriptionId: string, type: "created" | "deleted", created: number) =>
  subscriptionEvent({
    type: `customer.subscription.${type}`,
    subscriptionId,
    created,
    status: type === "created" ? "active" : "canceled",
    metadata: { sandlot_app_id: app.appId, sandlot_user_id: userId, sandlot_plan: "all-access" },
  });

beforeAll(async () => {
  app = await makeApp("tpl-downloads", "downloads-shop", { creatorEmail: "maker-dl@example.com" });
  creator = await signUpVerified(app, "maker-dl@example.com");
  planner = await addProduct({
    title: "Weekly planner",
    summary: "A printable week on one page",
    format: "pdf",
    file: await upload(creator, PDF, "planner.pdf", "application/pdf"),
  });
  icons = await addProduct({
    title: "Icon pack",
    format: "image",
    file: await upload(creator, PNG, "icons.png", "image/png"),
  });
});

describe("downloads-shop", () => {
  it("product pages are public, without who made them; only the creator writes products", async () => {
    const anon = app.client();
    const list = await json<{ items: Array<Record<string, unknown>> }>(await anon.get("/_api/collections/products"));
    expect(list.items.map((p) => p.title).sort()).toEqual(["Icon pack", "Weekly planner"]);
    for (const p of list.items) expect(p).not.toHaveProperty("ownerId");
    expect((await anon.get(`/_api/collections/products/${planner}`)).status).toBe(200);

    expect((await anon.post("/_api/collections/products", { title: "Free stuff" })).status).toBe(401);
    const user = await signUp(app, "visitor-dl@example.com");
    expect((await user.client.post("/_api/collections/products", { title: "Free stuff" })).status).toBe(403);
    expect((await user.client.patch(`/_api/collections/products/${planner}`, { title: "Mine now" })).status).toBe(403);
    expect((await user.client.delete(`/_api/collections/products/${planner}`)).status).toBe(403);
    // A product's file must be an upload of the writer's own.
    const stranger = await upload(user, PDF, "x.pdf", "application/pdf");
    const foreign = await creator.client.post("/_api/collections/products", { title: "Borrowed", file: stranger });
    expect(foreign.status).toBe(400);
    expect((await errorOf(foreign)).code).toBe("unknown_file");
  });

  it("the file is refused without a purchase: 401 signed out, 403 signed in", async () => {
    expect((await download(app.client(), planner)).status).toBe(401);
    const user = await signUp(app, "window-shopper-dl@example.com");
    const refused = await download(user.client, planner);
    expect(refused.status).toBe(403);
    // Either a purchase or the plan would open it; the evaluator names the plan (its strongest reason).
    expect((await errorOf(refused)).code).toBe("plan_required");
    // Nor through the uploader's own file route, with the id the public page shows.
    const item = await json<{ item: { file: string } }>(await user.client.get(`/_api/collections/products/${planner}`));
    expect((await user.client.get(`/_api/files/${item.item.file}`)).status).toBe(404);
    // An unknown product answers like a missing one.
    expect((await download(user.client, crypto.randomUUID())).status).toBe(404);
    // The creator always gets their own files.
    const own = await download(creator.client, planner);
    expect(own.status).toBe(200);
    expect(new Uint8Array(await own.arrayBuffer())).toEqual(PDF);
  });

  it("after the signed payment the buyer downloads that product only; a refund takes it back", async () => {
    const buyer = await signUp(app, "buyer-dl@example.com");
    const other = await signUp(app, "other-dl@example.com");
    // Starting checkout and landing on the success address grant nothing.
    expect(
      (await buyer.client.post("/_api/billing/purchase", { product: "download", documentId: planner })).status,
    ).toBe(200);
    expect((await buyer.client.get("/?purchase=success&product=download")).status).toBeLessThan(500);
    expect((await download(buyer.client, planner)).status).toBe(403);

    const paid = await buyAndPay(buyer.client, "download", planner);
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`${app.origin}/?purchase=success&product=download#/account`);
    const file = await download(buyer.client, planner);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain("attachment");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
    expect((await download(buyer.client, icons)).status).toBe(403);
    expect((await download(other.client, planner)).status).toBe(403);
    const mine = await json<{ purchases: { products: string[]; documents: string[] } }>(
      await buyer.client.get("/_api/billing/purchases"),
    );
    expect(mine.purchases).toEqual({ products: [], documents: [planner] });
    const again = await buyer.client.post("/_api/billing/purchase", { product: "download", documentId: planner });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("already_purchased");

    const [row] = await appRows<{ payment_intent: string }>(
      app.appId,
      `SELECT payment_intent FROM purchases WHERE user_id = '${buyer.id}'`,
    );
    expect(row).toBeDefined();
    expect((await deliverEvent(fullRefund(row!.payment_intent))).status).toBe(200);
    const revoked = await download(buyer.client, planner);
    expect(revoked.status).toBe(403);
    expect((await errorOf(revoked)).code).toBe("plan_required");
    const after = await json<{ purchases: { documents: string[] } }>(await buyer.client.get("/_api/billing/purchases"));
    expect(after.purchases.documents).toEqual([]);
  });

  it("the all-access plan opens every file while it is live, and closes them when it ends", async () => {
    const member = await signUp(app, "member-dl@example.com");
    expect((await download(member.client, icons)).status).toBe(403);
    const subId = `sub_${rand()}`;
    const start = nowSec() - 60;
    expect((await deliverEvent(subscription(member.id, subId, "created", start))).status).toBe(200);
    for (const id of [planner, icons]) expect((await download(member.client, id)).status).toBe(200);
    const png = await download(member.client, icons);
    expect(new Uint8Array(await png.arrayBuffer())).toEqual(PNG);
    // A product added later is included too.
    const later = await addProduct({
      title: "Bonus sheet",
      file: await upload(creator, PDF, "bonus.pdf", "application/pdf"),
    });
    expect((await download(member.client, later)).status).toBe(200);

    expect((await deliverEvent(subscription(member.id, subId, "deleted", start + 30))).status).toBe(200);
    const ended = await download(member.client, icons);
    expect(ended.status).toBe(403);
  });

  it("a product without a file has nothing to download, even for the creator", async () => {
    const empty = await addProduct({ title: "Coming soon" });
    expect((await download(creator.client, empty)).status).toBe(404);
  });
});
