// T59: an export link leaked, reused or fetched by someone else; an export that carries password
// hashes, tokens or other apps' data; an import that writes another app's data or bypasses the
// manifest's schema, caps and counts.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { zipChunks, type ZipEntry } from "../../platform/export/zip-writer";
import type { AppObject } from "../../platform/object/app-object";
import { appStub } from "../../platform/worker/stubs";
import { appOrigin, Client, json, STUDIO_ORIGIN } from "../helpers/client";
import { createApp, signedInCreator } from "../integration/apps-helpers";
import { downloadExport, endUser, exportLink, importZip, PNG, upload, zipOf } from "../integration/export-helpers";

interface ErrorBody {
  error: { code: string; message: string };
}

async function zipOfEntries(entries: ZipEntry[]): Promise<Uint8Array> {
  async function* all(): AsyncGenerator<ZipEntry> {
    yield* entries;
  }
  const parts: Uint8Array[] = [];
  for await (const c of zipChunks(all(), new Date())) parts.push(c);
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

const header = (templateId: string, extra: Record<string, unknown> = {}): ZipEntry => ({
  name: "export.json",
  body: JSON.stringify({
    format: "sandlot-export",
    formatVersion: 1,
    exportId: crypto.randomUUID(),
    app: { slug: "elsewhere", templateId },
    ...extra,
  }),
});

const code = async (res: Response): Promise<string> => (await json<ErrorBody>(res)).error.code;

describe("T59: export links", () => {
  it("a link works once, for its creator only; reused, expired, forged or someone else's is refused", async () => {
    const owner = await signedInCreator("t59-owner");
    await createApp(owner, "t59-link");
    const path = await exportLink(owner, "t59-link");

    // Signed out: 401. Another creator with the leaked URL: 404, as for an app they do not own.
    expect((await new Client(STUDIO_ORIGIN).get(path)).status).toBe(401);
    const thief = await signedInCreator("t59-thief");
    const stolen = await thief.get(path);
    expect(stolen.status).toBe(404);
    expect(stolen.headers.get("content-type")).not.toBe("application/zip");
    // Those attempts did not spend it: the owner downloads once, then never again.
    const first = await owner.get(path);
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    const second = await owner.get(path);
    expect(second.status).toBe(410);
    expect(await code(second)).toBe("export_link_used");

    // A forged token, and a link of this app tried on another app of the same creator.
    const forged = await owner.get(path.replace(/[a-z2-7]{32}$/, "a".repeat(32)));
    expect(forged.status).toBe(404);
    expect(await code(forged)).toBe("export_link_unknown");
    await createApp(owner, "t59-link-b");
    const other = await exportLink(owner, "t59-link");
    const crossed = await owner.get(other.replace("/t59-link/", "/t59-link-b/"));
    expect(crossed.status).toBe(404);
  });

  it("an expired link is refused (410), and the object stores only the token's hash", async () => {
    const owner = await signedInCreator("t59-exp");
    const app = await createApp(owner, "t59-expired");
    const path = await exportLink(owner, "t59-expired");
    const token = path.split("/").pop() ?? "";
    await runInDurableObject(appStub(env, app.id), async (_o: AppObject, state) => {
      const links = [...state.storage.kv.list<{ expiresAt: number }>({ prefix: "export:link:" })];
      expect(links).toHaveLength(1);
      const [key, link] = links[0]!;
      expect(key).not.toContain(token);
      expect(JSON.stringify(link)).not.toContain(token);
      state.storage.kv.put(key, { ...link, expiresAt: Date.now() - 1 });
    });
    const res = await owner.get(path);
    expect(res.status).toBe(410);
    expect(await code(res)).toBe("export_link_expired");
  });

  it("links are rate-limited per app (429 after five in ten minutes)", async () => {
    const owner = await signedInCreator("t59-rate");
    await createApp(owner, "t59-rate");
    for (let i = 0; i < 5; i++) expect((await owner.post("/api/apps/t59-rate/exports")).status).toBe(201);
    const over = await owner.post("/api/apps/t59-rate/exports");
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("T59: what an export carries", () => {
  it("no password hash, session, email token or Stripe customer id, and nothing of another app", async () => {
    const owner = await signedInCreator("t59-leak");
    const app = await createApp(owner, "t59-leak");
    const ada = await endUser("t59-leak", "ada-leak@example.com");
    await ada.client.post("/_api/auth/verify/request");
    await ada.client.post("/_api/collections/notes", { text: "mine" });
    // Another app of the same creator, with its own user and record.
    await createApp(owner, "t59-leak-other");
    const eve = await endUser("t59-leak-other", "eve-other@example.com");
    await eve.client.post("/_api/collections/notes", { text: "OTHER-APP-SECRET-NOTE" });

    const secrets = await runInDurableObject(appStub(env, app.id), async (_o: AppObject, state) => {
      const sql = state.storage.sql;
      sql.exec("INSERT INTO billing_customers (user_id, customer_id) VALUES (?, ?)", ada.id, "cus_T59SECRET");
      const col = (q: string): string[] =>
        sql
          .exec<{ v: string }>(q)
          .toArray()
          .map((r) => r.v);
      return [
        ...col("SELECT password_hash AS v FROM users"),
        ...col("SELECT secret_hash AS v FROM sessions"),
        ...col("SELECT id AS v FROM sessions"),
        ...col("SELECT secret_hash AS v FROM email_tokens"),
        "cus_T59SECRET",
      ];
    });
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const bytes = await downloadExport(owner, "t59-leak");
    // Store-only: every entry's bytes are in the zip as they are, so a search of the whole zip sees them all.
    const text = new TextDecoder().decode(bytes);
    for (const s of secrets) expect(text, "a secret in the export").not.toContain(s);
    expect(text).not.toContain("$argon2id$");
    expect(text).not.toContain("eve-other@example.com");
    expect(text).not.toContain("OTHER-APP-SECRET-NOTE");
    expect(text).toContain("ada-leak@example.com");
    expect([...zipOf(bytes).entries.keys()].every((n) => !n.includes("..") && !n.startsWith("/"))).toBe(true);
  });
});

describe("T59: imports", () => {
  it("another creator cannot import into an app they do not own (404), and nothing is written", async () => {
    const owner = await signedInCreator("t59-imp-owner");
    await createApp(owner, "t59-imp-src");
    const zipBytes = await downloadExport(owner, "t59-imp-src");
    const victim = await signedInCreator("t59-imp-victim");
    const target = await createApp(victim, "t59-imp-victim");
    const res = await importZip(owner, "t59-imp-victim", zipBytes);
    expect(res.status).toBe(404);
    const counts = await appStub(env, target.id).exportCounts();
    expect(counts).toEqual({ users: 0, documents: 0, files: 0, fileBytes: 0 });
  });

  it("refuses an app that already has users (409 not_empty) and a second, different export (409)", async () => {
    const c = await signedInCreator("t59-notempty");
    await createApp(c, "t59-full");
    await endUser("t59-full", "already@example.com");
    const empty = await zipOfEntries([header("sandlot-publish"), { name: "users.json", body: "[]" }]);
    const res = await importZip(c, "t59-full", empty);
    expect(res.status).toBe(409);
    expect(await code(res)).toBe("not_empty");

    await createApp(c, "t59-once");
    expect((await importZip(c, "t59-once", empty)).status).toBe(200);
    const another = await zipOfEntries([header("sandlot-publish"), { name: "users.json", body: "[]" }]);
    const twice = await importZip(c, "t59-once", another);
    expect(twice.status).toBe(409);
    expect(await code(twice)).toBe("already_imported");
  });

  it("a crafted export cannot bypass schema, caps, counts, unique fields, file ownership or reach another app", async () => {
    const c = await signedInCreator("t59-craft");
    // Another app (the attacker's own) whose file and user ids the crafted export names.
    const other = await createApp(c, "t59-craft-other", "sandlot-test");
    const mallory = await endUser("t59-craft-other", "mallory@example.com");
    const othersFile = await upload(mallory.client, PNG);
    const target = await createApp(c, "t59-craft", "sandlot-test");

    const ada = "user-ada";
    const bob = "user-bob";
    const adaFile = crypto.randomUUID();
    const bobFile = crypto.randomUUID();
    const htmlFile = crypto.randomUUID();
    const id = (): string => crypto.randomUUID();
    const note = (owner: string | null, fields: Record<string, unknown>) => ({
      id: id(),
      ownerId: owner,
      createdAt: 1,
      updatedAt: 1,
      ...fields,
    });
    const notes = [
      ...Array.from({ length: 7 }, (_, i) => note(ada, { title: `n${i}` })), // 5 allowed per user
      note(bob, { title: "extra field", isAdmin: true }),
      note(bob, { title: "server field", passwordHash: "x" }),
      note(bob, { title: "x".repeat(201) }),
      note(bob, { title: "wrong type", done: "yes" }),
      note("user-nobody", { title: "owner not imported" }),
      { ...note(bob, { title: "bad id" }), id: "../../apps/x" },
    ];
    const posts = [
      note(ada, { title: "own file", attachment: adaFile }),
      note(bob, { title: "someone else's file", attachment: adaFile }),
      note(bob, { title: "another app's file", attachment: othersFile }),
    ];
    const bookings = [note(ada, { slotId: "s1" }), note(bob, { slotId: "s1" })];
    const zipBytes = await zipOfEntries([
      header("sandlot-test", { app: { slug: "t59-craft-other", templateId: "sandlot-test", id: other.id } }),
      {
        name: "users.json",
        body: JSON.stringify([
          {
            id: ada,
            email: "ada@example.com",
            verified: true,
            createdAt: 1,
            passwordHash: "$argon2id$v=19$m=1,t=1,p=1$AA$AA",
          },
          { id: bob, email: "bob@example.com", verified: false, createdAt: 2 },
          { id: mallory.id, email: "ADA@example.com", verified: true, createdAt: 3 },
        ]),
      },
      {
        name: "files.json",
        body: JSON.stringify([
          { id: adaFile, ownerId: ada, name: "a.png", contentType: "image/png", bytes: 1, createdAt: 1 },
          { id: bobFile, ownerId: bob, name: "big.png", contentType: "image/png", bytes: 1, createdAt: 1 },
          { id: htmlFile, ownerId: bob, name: "x.png", contentType: "image/png", bytes: 1, createdAt: 1 },
          { id: othersFile, ownerId: "user-nobody", name: "o.png", contentType: "image/png", bytes: 1, createdAt: 1 },
          {
            id: "../../../apps/other/files/x",
            ownerId: bob,
            name: "p",
            contentType: "image/png",
            bytes: 1,
            createdAt: 1,
          },
        ]),
      },
      { name: `files/${adaFile}`, body: PNG },
      { name: `files/${bobFile}`, body: new Uint8Array([...PNG, ...new Uint8Array(4096)]) },
      { name: `files/${htmlFile}`, body: new Uint8Array([0, 0xff, 0xfe, 1, 2, 3]) },
      { name: `files/${othersFile}`, body: PNG },
      { name: "data/notes.json", body: JSON.stringify(notes) },
      { name: "data/posts.json", body: JSON.stringify(posts) },
      { name: "data/bookings.json", body: JSON.stringify(bookings) },
      { name: "data/secrets.json", body: JSON.stringify([note(ada, { title: "not a collection" })]) },
    ]);
    const res = await importZip(c, "t59-craft", zipBytes);
    expect(res.status, await res.clone().text()).toBe(200);
    const s = await json<{
      users: { imported: number; rejected: number };
      files: { imported: number; rejected: number };
      records: Record<string, { imported: number; rejected: number }>;
      rejections: Array<{ what: string; code: string }>;
    }>(res);
    expect(s.users).toEqual({ imported: 2, skipped: 0, rejected: 1 }); // the third reuses ada's email
    expect(s.files).toEqual({ imported: 1, skipped: 0, rejected: 4 });
    expect(s.records.notes).toEqual({ imported: 5, skipped: 0, rejected: 2 + 6 });
    expect(s.records.posts).toEqual({ imported: 1, skipped: 0, rejected: 2 });
    expect(s.records.bookings).toEqual({ imported: 1, skipped: 0, rejected: 1 });
    expect(Object.keys(s.records)).not.toContain("secrets");
    expect(s.rejections.map((r) => r.code)).toEqual(
      expect.arrayContaining(["email_taken", "quota_exceeded", "unknown_file", "unique_violation", "unknown_owner"]),
    );

    // The imported password hash was not taken: nobody signs in as ada without a reset.
    const login = await new Client(appOrigin("t59-craft")).post("/_api/auth/login", {
      email: "ada@example.com",
      password: "anything at all",
    });
    expect(login.status).toBe(401);
    const stored = await runInDurableObject(appStub(env, target.id), async (_o: AppObject, state) =>
      state.storage.sql
        .exec<{ h: string }>("SELECT password_hash AS h FROM users")
        .toArray()
        .map((r) => r.h),
    );
    expect(stored.every((h) => !h.startsWith("$argon2id$"))).toBe(true);
    // A refused record left nothing behind (its transaction rolled back): 5 notes, 1 post, 1 booking.
    expect((await appStub(env, target.id).exportCounts()).documents).toBe(7);
    // Storage counted as uploads are; the other app is untouched, its file still its own.
    expect(await appStub(env, target.id).uploadBytes()).toBe(PNG.length);
    expect(await env.BUCKET.head(`apps/${target.id}/files/${adaFile}`)).not.toBeNull();
    expect(await env.BUCKET.head(`apps/${target.id}/files/${othersFile}`)).toBeNull();
    expect(await appStub(env, other.id).exportCounts()).toEqual({
      users: 1,
      documents: 0,
      files: 1,
      fileBytes: PNG.length,
    });
  });

  it("imports are rate-limited per app (429 after three in ten minutes)", async () => {
    const c = await signedInCreator("t59-imprate");
    await createApp(c, "t59-imprate");
    const zipBytes = await zipOfEntries([header("sandlot-publish")]);
    for (let i = 0; i < 3; i++) expect((await importZip(c, "t59-imprate", zipBytes)).status).toBe(200);
    const over = await importZip(c, "t59-imprate", zipBytes);
    expect(over.status).toBe(429);
  });
});
