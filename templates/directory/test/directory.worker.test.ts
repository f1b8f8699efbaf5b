/**
 * directory on the real backend (workerd). Every rule from both sides: a listing starts pending
 * and nobody but its author and the creator can list, search or read it (404, like a missing
 * id); only the creator approves, along the declared transitions; the featured flag is set only
 * by paying, only by the listing's owner; search and category narrow what the rules allow.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type Client, json } from "../../../test/helpers/client";
import { deliver, nowSec } from "../../../test/integration/billing-helpers";
import {
  errorOf,
  makeApp,
  signUp,
  signUpVerified,
  type TestApp,
  type TestUser,
} from "../../../test/attacks/helpers/app";
import { buyAndPay } from "../../_kit/worker";

interface Item {
  id: string;
  title: string;
  status: string;
  featured?: boolean;
  ownerId?: string;
}
let app: TestApp;
let creator: TestUser;
let alice: TestUser;
let bob: TestUser;

const submit = (u: { client: Client }, data: Record<string, unknown>): Promise<Response> =>
  u.client.post("/_api/collections/listings", { category: "food-drink", ...data });
async function submitted(u: TestUser, title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await submit(u, { title, ...extra });
  expect(res.status).toBe(201);
  return (await json<{ item: Item }>(res)).item.id;
}
const items = async (client: Client, query = ""): Promise<Item[]> => {
  const res = await client.get(`/_api/collections/listings${query}`);
  expect(res.status, query).toBe(200);
  return (await json<{ items: Item[] }>(res)).items;
};
const ids = async (client: Client, query = ""): Promise<string[]> => (await items(client, query)).map((i) => i.id);
const setStatus = (u: TestUser, id: string, status: string): Promise<Response> =>
  u.client.patch(`/_api/collections/listings/${id}`, { status });

beforeAll(async () => {
  app = await makeApp("tpl-directory", "directory", { creatorEmail: "maker-directory@example.com" });
  [creator, alice, bob] = await Promise.all([
    signUpVerified(app, "maker-directory@example.com"),
    signUp(app, "alice-directory@example.com"),
    signUp(app, "bob-directory@example.com"),
  ]);
});

describe("directory: approval before anything is public", () => {
  it("a new listing is pending and absent from anonymous and other users' lists, search and reads", async () => {
    const res = await submit(alice, { title: "Marigold Bakery", area: "Old Town", description: "Sourdough daily" });
    expect(res.status).toBe(201);
    const { item } = await json<{ item: Item }>(res);
    expect(item.status).toBe("pending");
    for (const client of [app.client(), bob.client]) {
      expect(await ids(client)).not.toContain(item.id);
      expect(await ids(client, "?q=marigold")).not.toContain(item.id);
      expect(await ids(client, "?where[status]=pending")).not.toContain(item.id);
      const read = await client.get(`/_api/collections/listings/${item.id}`);
      const missing = await client.get(`/_api/collections/listings/${crypto.randomUUID()}`);
      expect(read.status).toBe(404);
      expect(await errorOf(read)).toMatchObject({ code: (await errorOf(missing)).code });
    }
    // Its author and the creator see it.
    expect(await ids(alice.client, "?where[ownerId]=@me")).toContain(item.id);
    expect(await ids(creator.client, "?where[status]=pending")).toContain(item.id);
    expect((await alice.client.get(`/_api/collections/listings/${item.id}`)).status).toBe(200);
  });

  it("the author cannot approve their own listing, not even by naming status when submitting", async () => {
    const id = await submitted(alice, "Self Approved Cafe");
    const own = await setStatus(alice, id, "approved");
    expect(own.status).toBe(400);
    expect((await errorOf(own)).code).toBe("field_not_writable");
    const atCreate = await submit(alice, { title: "Sneaky Deli", status: "approved" });
    expect(atCreate.status).toBe(400);
    expect((await errorOf(atCreate)).code).toBe("field_not_writable");
    expect(await ids(app.client())).not.toContain(id);
    // Nor can another user, who cannot even see it.
    expect((await setStatus(bob, id, "approved")).status).toBe(404);
  });

  it("the creator approves: then everyone lists, searches and reads it; rejecting hides it again", async () => {
    const id = await submitted(alice, "Juniper Bike Repair", { category: "services", area: "Riverside" });
    const approved = await setStatus(creator, id, "approved");
    expect(approved.status).toBe(200);
    const anon = app.client();
    expect(await ids(anon)).toContain(id);
    expect(await ids(anon, "?q=junip")).toContain(id);
    expect(await ids(anon, "?q=riverside%20bike")).toContain(id);
    expect((await anon.get(`/_api/collections/listings/${id}`)).status).toBe(200);
    // Who wrote it stays private (visibility on ownerId).
    expect((await items(anon, "?q=juniper"))[0]?.ownerId).toBeUndefined();
    expect((await setStatus(creator, id, "rejected")).status).toBe(200);
    expect(await ids(anon)).not.toContain(id);
    expect((await anon.get(`/_api/collections/listings/${id}`)).status).toBe(404);
    expect((await setStatus(creator, id, "approved")).status).toBe(200);
  });

  it("status moves only along the transitions, even for the creator", async () => {
    const id = await submitted(bob, "Transition Tea Room");
    expect((await setStatus(creator, id, "approved")).status).toBe(200);
    const back = await setStatus(creator, id, "pending");
    expect(back.status).toBe(400);
    expect((await errorOf(back)).code).toBe("transition_not_allowed");
    expect((await setStatus(creator, id, "nonsense")).status).toBe(400);
  });

  it("authors edit while pending, not once approved (no switching an approved listing); others get 404", async () => {
    const id = await submitted(bob, "Draft Diner");
    expect((await bob.client.patch(`/_api/collections/listings/${id}`, { title: "Dawn Diner" })).status).toBe(200);
    expect((await alice.client.patch(`/_api/collections/listings/${id}`, { title: "Hijacked" })).status).toBe(404);
    expect((await setStatus(creator, id, "approved")).status).toBe(200);
    const late = await bob.client.patch(`/_api/collections/listings/${id}`, { website: "https://spam.example" });
    expect(late.status).toBe(403);
    expect((await alice.client.delete(`/_api/collections/listings/${id}`)).status).toBe(403);
    expect((await bob.client.delete(`/_api/collections/listings/${id}`)).status).toBe(204);
  });

  it("signed-out visitors cannot submit; bad values are refused; one person holds at most 5", async () => {
    expect((await submit({ client: app.client() }, { title: "Anonymous Shop" })).status).toBe(401);
    const scripted = await submit(bob, { title: "Bad Link", website: "javascript:alert(1)" });
    expect(scripted.status).toBe(400);
    expect((await submit(bob, { title: "Bad Category", category: "weapons" })).status).toBe(400);
    expect((await submit(bob, { title: "x".repeat(121) })).status).toBe(400);
    const carol = await signUp(app, "carol-directory@example.com");
    for (let i = 1; i <= 5; i++) await submitted(carol, `Carol's place ${i}`);
    const sixth = await submit(carol, { title: "Carol's place 6" });
    expect(sixth.status).toBe(429);
    expect((await errorOf(sixth)).code).toBe("quota_exceeded");
  });
});

describe("directory: the featured upgrade", () => {
  let listingId: string;
  beforeAll(async () => {
    listingId = await submitted(alice, "Featured Florist", { category: "shops" });
  });

  it("nobody sets featured without paying: not the owner, not the creator", async () => {
    for (const u of [alice, creator]) {
      const res = await u.client.patch(`/_api/collections/listings/${listingId}`, { featured: true });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("field_not_writable");
    }
    expect((await submit(alice, { title: "Free Feature", featured: true })).status).toBe(400);
    // A forged payment event (no signature) changes nothing.
    const forged = {
      id: `evt_${crypto.randomUUID()}`,
      object: "event",
      type: "checkout.session.completed",
      created: nowSec(),
      data: {
        object: {
          id: "cs_test_forged",
          object: "checkout.session",
          mode: "payment",
          payment_status: "paid",
          metadata: {
            sandlot_app_id: app.appId,
            sandlot_user_id: alice.id,
            sandlot_product: "featured",
            sandlot_document_id: listingId,
          },
        },
      },
    };
    expect((await deliver(JSON.stringify(forged), { secret: null })).status).toBe(400);
    const read = await json<{ item: Item }>(await alice.client.get(`/_api/collections/listings/${listingId}`));
    expect(read.item.featured).toBeUndefined();
  });

  it("only the owner may buy it: another user gets 404 while pending and 403 once approved", async () => {
    const pending = await bob.client.post("/_api/billing/purchase", { product: "featured", documentId: listingId });
    expect(pending.status).toBe(404);
    expect((await setStatus(creator, listingId, "approved")).status).toBe(200);
    const foreign = await bob.client.post("/_api/billing/purchase", { product: "featured", documentId: listingId });
    expect(foreign.status).toBe(403);
    expect((await errorOf(foreign)).code).toBe("not_owner");
    expect(
      (await app.client().post("/_api/billing/purchase", { product: "featured", documentId: listingId })).status,
    ).toBe(401);
  });

  it("after the owner pays, the listing is featured and listed first; it cannot be bought twice", async () => {
    const paid = await buyAndPay(alice.client, "featured", listingId);
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`${app.origin}/?purchase=success&product=featured#/account`);
    const anon = app.client();
    const first = await items(anon, "?where[status]=approved&sort=-featured");
    expect(first[0]).toMatchObject({ id: listingId, featured: true });
    expect(first.length).toBeGreaterThan(1);
    expect(await ids(anon, "?where[featured]=true")).toEqual([listingId]);
    expect(await ids(anon, "?q=florist&where[category]=shops")).toEqual([listingId]);
    const again = await alice.client.post("/_api/billing/purchase", { product: "featured", documentId: listingId });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("already_purchased");
  });
});

describe("directory: search and category", () => {
  it("category narrows the public list; search matches word prefixes; bad filters are refused", async () => {
    const anon = app.client();
    const services = await items(anon, "?where[status]=approved&where[category]=services");
    expect(services.map((i) => i.title)).toEqual(["Juniper Bike Repair"]);
    expect(await ids(anon, "?q=repair&where[category]=food-drink")).toEqual([]);
    expect(await ids(anon, "?q=epair")).toEqual([]);
    expect((await anon.get("/_api/collections/listings?where[category]=weapons")).status).toBe(400);
    expect((await anon.get("/_api/collections/listings?where[description]=x")).status).toBe(400);
  });
});
