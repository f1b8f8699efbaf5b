// Canaries in other people's data (issue 14, item 2): a world of two creators × two apps × two end
// users each. Every end user plants unique values in their email, password, private notes,
// bookings and an uploaded file; every creator in their account email. Then every actor — each end
// user, a stolen session carried to another app, a signed-out visitor, each creator in the studio —
// reads everything it can reach. Every response any of them gets (headers, bodies, errors) and
// every stored mail is searched for every canary its reader may not see (test/helpers/canaries.ts).
import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appStub } from "../../platform/worker/stubs";
import { CanaryLedger, type Viewer } from "../helpers/canaries";
import { appOrigin, Client, json, STUDIO_ORIGIN } from "../helpers/client";

const COLLECTIONS = ["notes", "posts", "premium", "slots", "bookings", "announcements"];

interface EndUser {
  label: string;
  app: World["apps"][number];
  email: string;
  client: Client;
  /** Canaries only this user (and the app's creator) may read. */
  note: { id: string; title: string; body: string };
  booking: { id: string; slotId: string };
  file: { id: string; content: string };
}

interface World {
  ledger: CanaryLedger;
  creators: Array<{ label: string; email: string; studio: Client }>;
  apps: Array<{ slug: string; appId: string; creator: string }>;
  users: EndUser[];
}

let world: World;

const watched = (ledger: CanaryLedger, origin: string, viewer: Viewer): Client =>
  new Client(origin, { watch: (res, what) => ledger.searchResponse(viewer, res, what) });

async function ok<T>(res: Response, status: number): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return json<T>(res);
}

async function plantEndUser(ledger: CanaryLedger, app: World["apps"][number], label: string): Promise<EndUser> {
  const self: Viewer = { kind: "user", app: app.slug, user: label };
  const owners: Viewer[] = [self, { kind: "creator", creator: app.creator }];
  const client = watched(ledger, appOrigin(app.slug), self);
  const email = `${ledger.plant(`${label}email`, owners)}@example.com`;
  // Nobody ever sees a password again, not even its owner.
  const password = ledger.plant(`${label}password`, []);
  await ok(await client.post("/_api/auth/signup", { email, password }), 201);
  const title = ledger.plant(`${label}notetitle`, owners);
  const body = ledger.plant(`${label}notebody`, owners);
  const note = await ok<{ item: { id: string } }>(await client.post("/_api/collections/notes", { title, body }), 201);
  const slotId = ledger.plant(`${label}slot`, owners).slice(0, 40);
  const booking = await ok<{ item: { id: string } }>(await client.post("/_api/collections/bookings", { slotId }), 201);
  const content = ledger.plant(`${label}file`, owners);
  const form = new FormData();
  form.append("file", new File([content], `${ledger.plant(`${label}filename`, owners)}.txt`, { type: "text/plain" }));
  const file = await ok<{ file: { id: string } }>(
    await client.fetch("/_api/files", { method: "POST", body: form }),
    201,
  );
  return {
    label,
    app,
    email,
    client,
    note: { id: note.item.id, title, body },
    booking: { id: booking.item.id, slotId },
    file: { id: file.file.id, content },
  };
}

async function buildWorld(): Promise<World> {
  const ledger = new CanaryLedger();
  const run = crypto.randomUUID().slice(0, 6);
  const creators: World["creators"] = [];
  const apps: World["apps"] = [];
  for (const label of ["c1", "c2"]) {
    const studio = watched(ledger, STUDIO_ORIGIN, { kind: "creator", creator: label });
    const email = `${ledger.plant(`${label}email`, [{ kind: "creator", creator: label }])}@example.com`;
    await ok(await studio.post("/api/auth/signup", { email, password: ledger.plant(`${label}password`, []) }), 201);
    creators.push({ label, email, studio });
    for (const n of [1, 2]) {
      const slug = `can-${run}-${label}a${n}`;
      const created = await ok<{ app: { id: string } }>(
        await studio.post("/api/apps", { slug, template: "sandlot-test", name: `App ${slug}` }),
        201,
      );
      apps.push({ slug, appId: created.app.id, creator: label });
    }
  }
  const users: EndUser[] = [];
  for (const app of apps) {
    for (const n of [1, 2]) users.push(await plantEndUser(ledger, app, `${app.slug.slice(-4)}u${n}`));
  }
  return { ledger, creators, apps, users };
}

/** Everything a signed-in or signed-out app client can ask for, with every planted id of every user. */
async function sweepApp(client: Client, options: { exceptOwnedBy?: EndUser }): Promise<number[]> {
  const statuses: number[] = [];
  const get = async (path: string): Promise<void> => {
    statuses.push((await client.get(path)).status);
  };
  for (const path of ["/_api/auth/me", "/_api/app", "/_api/openapi.json", "/_api/auth/providers"]) await get(path);
  for (const c of COLLECTIONS) {
    await get(`/_api/collections/${c}?limit=100`);
    await get(`/_api/collections/${c}?sort=-createdAt&limit=100`);
    await get(`/_api/collections/${c}?where[ownerId]=x`);
  }
  for (const u of world.users) {
    if (u === options.exceptOwnedBy) continue;
    await get(`/_api/collections/notes/${u.note.id}`);
    await get(`/_api/collections/bookings/${u.booking.id}`);
    await get(`/_api/files/${u.file.id}`);
    await get(`/_api/collections/notes/${u.note.id}/files/body`);
    // Writes to someone else's documents: refused, and the refusal echoes nothing of theirs.
    statuses.push((await client.patch(`/_api/collections/notes/${u.note.id}`, { title: "mine now" })).status);
    statuses.push((await client.patch(`/_api/collections/notes/${u.note.id}`, { title: 7 })).status);
    statuses.push((await client.delete(`/_api/collections/bookings/${u.booking.id}`)).status);
    statuses.push((await client.delete(`/_api/files/${u.file.id}`)).status);
  }
  return statuses;
}

/** The studio paths a creator's browser can read for an app slug, theirs or not. */
function studioPaths(slug: string): string[] {
  const base = `/api/apps/${slug}`;
  return [
    base,
    `${base}/files`,
    `${base}/versions`,
    `${base}/domain`,
    `${base}/outbox`,
    `${base}/billing/events`,
    `${base}/billing/subscribers`,
    `${base}/oauth`,
    `${base}/ai/messages`,
    `${base}/data/collections`,
    `${base}/data/users`,
    ...COLLECTIONS.map((c) => `${base}/data/collections/${c}`),
    ...COLLECTIONS.map((c) => `${base}/data/collections/${c}?copy=preview`),
  ];
}

beforeAll(async () => {
  world = await buildWorld();
}, 180_000);

/** Leaks are checked per test, so a failure names the actor and request that leaked first. */
let leaksBefore = 0;
beforeEach(() => {
  leaksBefore = world.ledger.leaks.length;
});
const newLeaks = (): unknown[] => world.ledger.leaks.slice(leaksBefore);

describe("T04 T11 T12 T13 T15 canaries in other users' data never reach anyone else", () => {
  it("the owner does read their own canaries (the search would see a leak)", async () => {
    const u = world.users[0]!;
    const list = await u.client.get("/_api/collections/notes");
    expect(await list.text()).toContain(u.note.title);
    const file = await u.client.get(`/_api/files/${u.file.id}`);
    expect(await file.text()).toBe(u.file.content);
    expect(newLeaks()).toEqual([]);
  });

  it("T11 T12 each end user reads every collection and every id planted by the seven others", async () => {
    for (const u of world.users) {
      const statuses = await sweepApp(u.client, { exceptOwnedBy: u });
      // Other users' ids answer exactly like ids that do not exist.
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 200 || s === 204).length).toBeGreaterThan(0);
    }
    const mine = await world.users[1]!.client.get(`/_api/collections/notes/${world.users[0]!.note.id}`);
    expect(mine.status).toBe(404);
    expect(newLeaks()).toEqual([]);
  }, 180_000);

  it("T13 a session cookie carried to the other apps opens nothing there", async () => {
    for (const u of world.users) {
      for (const app of world.apps.filter((a) => a !== u.app)) {
        const thief = watched(world.ledger, appOrigin(app.slug), { kind: "anonymous", app: app.slug });
        const session = u.client.cookie("sandlot_app_session");
        expect(session, "the user holds a session cookie").toBeTruthy();
        thief.setCookie("sandlot_app_session", session!);
        const me = await thief.get("/_api/auth/me");
        expect(me.status).toBe(401);
        await sweepApp(thief, {});
      }
    }
    expect(newLeaks()).toEqual([]);
  }, 180_000);

  it("signed-out visitors of each app read everything they can reach", async () => {
    for (const app of world.apps) {
      const statuses = await sweepApp(
        watched(world.ledger, appOrigin(app.slug), { kind: "anonymous", app: app.slug }),
        {},
      );
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
    }
    expect(newLeaks()).toEqual([]);
  }, 180_000);

  it("T15 each creator reads every studio page of every app: their own hold their users' data, others' are 404", async () => {
    for (const creator of world.creators) {
      for (const path of [
        "/api/auth/me",
        "/api/apps",
        "/api/billing/plan",
        "/api/billing/connect",
        "/api/tokens",
        "/api/ai",
      ]) {
        expect((await creator.studio.get(path)).status).toBeLessThan(500);
      }
      for (const app of world.apps) {
        for (const path of studioPaths(app.slug)) {
          const res = await creator.studio.get(path);
          if (app.creator !== creator.label) expect(res.status, path).toBe(404);
          else expect(res.status, path).toBeLessThan(500);
        }
      }
      // The positive control: the creator's data browser does show their end users' private notes.
      const own = world.users.find((u) => u.app.creator === creator.label)!;
      const notes = await creator.studio.get(`/api/apps/${own.app.slug}/data/collections/notes`);
      expect(await notes.text()).toContain(own.note.body);
    }
    expect(newLeaks()).toEqual([]);
  }, 180_000);

  it("stored mail: each message in each app's outbox carries only its recipient's canaries", async () => {
    let mails = 0;
    for (const app of world.apps) {
      for (const mail of await appStub(env, app.appId).readOutbox(200)) {
        const recipient = world.users.find((u) => u.email === mail.to);
        expect(recipient, `a mail to ${mail.to}`).toBeTruthy();
        world.ledger.search(
          { kind: "user", app: app.slug, user: recipient!.label },
          `${mail.to}\n${mail.subject}\n${mail.text}`,
          `outbox ${app.slug} ${mail.kind}`,
        );
        mails += 1;
      }
    }
    // Every sign-up sent a verification mail.
    expect(mails).toBeGreaterThanOrEqual(world.users.length);
    expect(newLeaks()).toEqual([]);
    console.log(
      `canaries: ${[...world.ledger.searched].map(([kind, n]) => `${n} ${kind} responses`).join(", ")}, ${mails} mails, 0 leaks`,
    );
  });
});
