/**
 * waitlist on the real backend (workerd): only a confirmed email address joins (`verified`),
 * once per person (`maxDocumentsPerUser: 1`); the line is public but carries no owner, name or
 * referrer (visibility); a referral names the referrer's entry and the server counts it
 * (`counts`), also when the friend leaves; and the studio's export holds every entry as CSV.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { tokenFromMail } from "../../../platform/mail/messages";
import { appStub } from "../../../platform/worker/stubs";
import { Client, appOrigin, json } from "../../../test/helpers/client";
import { seedApp } from "../../../test/helpers/seed";
import { createApp, signedInCreator } from "../../../test/integration/apps-helpers";
import { downloadExport, entryText, zipOf } from "../../../test/integration/export-helpers";
import { signedUpUser } from "../../_kit/worker";

interface Entry {
  id: string;
  referrals: number;
  ownerId?: string;
  name?: string;
  referredBy?: string;
}
type User = Awaited<ReturnType<typeof signedUpUser>>;

const slug = "tpl-waitlist";
const origin = appOrigin(slug);
const creatorEmail = "launch-owner@example.com";
let appId: string;

/** Opens the sign-up mail's link, as the person would: the double opt-in. */
async function confirm(id: string, user: User): Promise<void> {
  const mail = (await appStub(env, id).readOutbox(100)).find((m) => m.to === user.email && m.kind === "verify");
  const token = mail ? tokenFromMail(mail.text) : null;
  expect(token).toBeTruthy();
  expect((await user.client.post("/_api/auth/verify", { token })).status).toBe(200);
}

async function confirmedUser(label: string, app = { id: appId, origin }): Promise<User> {
  const user = await signedUpUser(app.origin, label);
  await confirm(app.id, user);
  return user;
}

const join = (c: Client, body: Record<string, unknown> = {}) => c.post("/_api/collections/entries", body);

async function joined(c: Client, body: Record<string, unknown> = {}): Promise<Entry> {
  const res = await join(c, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ item: Entry }>(res)).item;
}

async function line(c: Client): Promise<Entry[]> {
  const res = await c.get("/_api/collections/entries?limit=100");
  expect(res.status).toBe(200);
  return (await json<{ items: Entry[] }>(res)).items;
}

beforeAll(async () => {
  ({ appId } = await seedApp({ slug, templateId: "waitlist", creatorEmail }));
});

describe("waitlist", () => {
  it("signed out: 401; signed up but not confirmed: 403 email_unverified and no entry", async () => {
    expect((await join(new Client(origin))).status).toBe(401);
    const eager = await signedUpUser(origin, "eager");
    const refused = await join(eager.client, { name: "Eager" });
    expect(refused.status).toBe(403);
    expect((await json<{ error: { code: string } }>(refused)).error.code).toBe("email_unverified");
    expect((await line(eager.client)).length).toBe(0);
    await confirm(appId, eager);
    expect((await join(eager.client, { name: "Eager" })).status).toBe(201);
  });

  it("one place per person: a second join is 429 quota_exceeded", async () => {
    const ada = await confirmedUser("ada");
    await joined(ada.client);
    const again = await join(ada.client);
    expect(again.status).toBe(429);
    expect((await json<{ error: { code: string } }>(again)).error.code).toBe("quota_exceeded");
  });

  it("the line is public without anyone's owner, name or referrer; the owner and the creator see theirs", async () => {
    const kim = await confirmedUser("kim");
    const mine = await joined(kim.client, { name: "Kim" });
    const friend = await confirmedUser("friend");
    await joined(friend.client, { name: "Pat", referredBy: mine.id });
    const anonymous = await line(new Client(origin));
    expect(anonymous.length).toBeGreaterThanOrEqual(2);
    for (const e of anonymous) {
      expect(Object.keys(e).sort()).toEqual(["createdAt", "id", "referrals", "updatedAt"]);
    }
    const seenByKim = await line(kim.client);
    expect(seenByKim.find((e) => e.id === mine.id)).toMatchObject({ ownerId: kim.userId, name: "Kim" });
    expect(seenByKim.filter((e) => e.name !== undefined).map((e) => e.id)).toEqual([mine.id]);
  });

  it("a referral names the referrer's entry and moves its count, for everyone to read; leaving takes it back", async () => {
    const sam = await confirmedUser("sam");
    const samEntry = await joined(sam.client);
    const friends = await Promise.all([0, 1, 2].map((i) => confirmedUser(`samfriend${i}`)));
    const made = await Promise.all(friends.map((f) => joined(f.client, { referredBy: samEntry.id })));
    const count = async () => (await line(new Client(origin))).find((e) => e.id === samEntry.id)?.referrals;
    expect(await count()).toBe(3);
    expect((await friends[0]!.client.delete(`/_api/collections/entries/${made[0]!.id}`)).status).toBe(204);
    expect(await count()).toBe(2);
  });

  it("refused: a forged count, an unknown referrer, editing an entry, removing someone else's", async () => {
    const lee = await confirmedUser("lee");
    expect((await join(lee.client, { referrals: 50 })).status).toBe(400);
    const unknown = await join(lee.client, { referredBy: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.status).toBe(400);
    expect((await json<{ error: { code: string } }>(unknown)).error.code).toBe("unknown_reference");
    const entry = await joined(lee.client);
    expect((await lee.client.patch(`/_api/collections/entries/${entry.id}`, { name: "Moved up" })).status).toBe(403);
    const other = await confirmedUser("other");
    expect((await other.client.delete(`/_api/collections/entries/${entry.id}`)).status).toBe(403);
    expect((await line(new Client(origin))).some((e) => e.id === entry.id)).toBe(true);
  });

  it("the creator (verified with their Sandlot email) sees every owner and name, and can remove an entry", async () => {
    const fan = await confirmedUser("fan");
    const entry = await joined(fan.client, { name: "Fan" });
    const creator = new Client(origin);
    expect(
      (await creator.post("/_api/auth/signup", { email: creatorEmail, password: "correct horse battery staple" }))
        .status,
    ).toBe(201);
    await confirm(appId, { client: creator, email: creatorEmail, userId: "" });
    const all = await line(creator);
    expect(all.find((e) => e.id === entry.id)).toMatchObject({ ownerId: fan.userId, name: "Fan" });
    expect((await creator.delete(`/_api/collections/entries/${entry.id}`)).status).toBe(204);
  });
});

describe("waitlist export", () => {
  it("the studio's export has every entry in data/entries.csv and each owner's email in users.csv", async () => {
    const studio = await signedInCreator("launcher");
    const app = await createApp(studio, "tpl-waitlist-export", "waitlist");
    const target = { id: app.id, origin: appOrigin("tpl-waitlist-export") };
    const first = await confirmedUser("first", target);
    const second = await confirmedUser("second", target);
    const a = await joined(first.client, { name: "First" });
    const b = await joined(second.client, { referredBy: a.id });
    const zip = zipOf(await downloadExport(studio, "tpl-waitlist-export"));
    const entries = await entryText(zip, "data/entries.csv");
    const rows = entries.trim().split("\r\n");
    expect(rows[0]).toMatch(/^id,ownerId,createdAt,updatedAt,/);
    expect(rows).toHaveLength(3);
    expect(entries).toContain(`${a.id},${first.userId},`);
    expect(rows.find((r) => r.startsWith(b.id))).toContain(a.id);
    const users = await entryText(zip, "users.csv");
    expect(users).toContain(first.email);
    expect(users).toContain(second.email);
  });
});
