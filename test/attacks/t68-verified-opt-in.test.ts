import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import {
  errorOf,
  inObject,
  latestToken,
  makeApp,
  signUp,
  signUpVerified,
  type TestApp,
  type TestUser,
} from "./helpers/app";
import { documents } from "../../platform/db/do-schema";

/**
 * T68: a double opt-in the server enforces. test/fixtures/templates/sandlot-optin lets only
 * `verified` users (signed in, email address confirmed) join or see the list. An account that
 * typed someone else's address, or any address it never confirmed, is refused with 403
 * `email_unverified` and stores nothing, until the link from its own mail is opened.
 */

let app: TestApp;
let maker: TestUser;
let confirmed: TestUser;
let unconfirmed: TestUser;

const stored = (): Promise<number> => inObject(app, (store) => store.db.select().from(documents).all().length);

beforeAll(async () => {
  app = await makeApp("t68-optin", "sandlot-optin", { creatorEmail: "maker-t68@example.com" });
  [maker, confirmed, unconfirmed] = await Promise.all([
    signUpVerified(app, "maker-t68@example.com"),
    signUpVerified(app, "confirmed-t68@example.com"),
    signUp(app, "someone-else-t68@example.com"),
  ]);
});

describe("T68: joining without confirming the email address", () => {
  it("signed out: 401; signed in but unconfirmed: 403 email_unverified; nothing stored", async () => {
    const before = await stored();
    expect((await app.client().post("/_api/collections/signups", { note: "anon" })).status).toBe(401);
    const refused = await unconfirmed.client.post("/_api/collections/signups", { note: "not mine" });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe("email_unverified");
    expect(await stored()).toBe(before);
  });

  it("an unconfirmed account cannot list or read the list either; a confirmed one can", async () => {
    const made = await confirmed.client.post("/_api/collections/signups", { note: "me" });
    expect(made.status).toBe(201);
    const { item } = await json<{ item: { id: string } }>(made);
    const list = await unconfirmed.client.get("/_api/collections/signups");
    expect(list.status).toBe(403);
    expect((await errorOf(list)).code).toBe("email_unverified");
    expect((await unconfirmed.client.get(`/_api/collections/signups/${item.id}`)).status).toBe(403);
    const seen = await json<{ items: Array<{ id: string }> }>(await confirmed.client.get("/_api/collections/signups"));
    expect(seen.items.map((i) => i.id)).toContain(item.id);
    const all = await json<{ items: Array<{ id: string }> }>(await maker.client.get("/_api/collections/signups"));
    expect(all.items.map((i) => i.id)).toContain(item.id);
  });

  it("re-sending the mail changes nothing; opening the link does, and /me says so", async () => {
    expect((await unconfirmed.client.post("/_api/auth/verify/request", {})).status).toBeLessThan(300);
    expect((await unconfirmed.client.post("/_api/collections/signups", { note: "still no" })).status).toBe(403);
    const token = await latestToken(app, unconfirmed.email, "verify");
    expect(token).toBeTruthy();
    expect((await unconfirmed.client.post("/_api/auth/verify", { token })).status).toBe(200);
    const me = await json<{ user: { emailVerified: boolean } }>(await unconfirmed.client.get("/_api/auth/me"));
    expect(me.user.emailVerified).toBe(true);
    expect((await unconfirmed.client.post("/_api/collections/signups", { note: "now mine" })).status).toBe(201);
  });
});
