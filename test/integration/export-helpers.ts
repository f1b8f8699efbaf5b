import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { readEntry, readZipDirectory, type ZipDirectory } from "../../platform/export/zip-reader";
import type { AppObject } from "../../platform/object/app-object";
import { appStub } from "../../platform/worker/stubs";
import { appOrigin, Client, json } from "../helpers/client";

/** Steps shared by the export tests: seeding an app's object, asking for a link, reading the zip. */

export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]);

export async function endUser(slug: string, email: string): Promise<{ client: Client; id: string }> {
  const client = new Client(appOrigin(slug));
  const res = await client.post("/_api/auth/signup", { email, password: "correct horse battery staple" });
  expect(res.status, await res.clone().text()).toBe(201);
  const me = await json<{ user: { id: string } }>(await client.get("/_api/auth/me"));
  return { client, id: me.user.id };
}

export async function upload(user: Client, bytes: Uint8Array, name = "pic.png"): Promise<string> {
  const form = new FormData();
  form.append("file", new File([bytes], name, { type: "image/png" }));
  const res = await user.fetch("/_api/files", { method: "POST", body: form });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ file: { id: string } }>(res)).file.id;
}

/**
 * Test-only seeding: `count` documents written straight into the object's SQLite in one
 * transaction, with the per-owner counters a create would keep. Only tests can reach an object's
 * storage like this; no route does it.
 */
export async function seedDocuments(
  appId: string,
  options: { collection: string; owners: string[]; count: number; fields: (i: number) => Record<string, unknown> },
): Promise<void> {
  await runInDurableObject(appStub(env, appId), async (_o: AppObject, state) => {
    const sql = state.storage.sql;
    const perOwner = new Map<string, number>();
    state.storage.transactionSync(() => {
      const base = Date.now() - options.count;
      for (let i = 0; i < options.count; i++) {
        const owner = options.owners[i % options.owners.length]!;
        const data = JSON.stringify(options.fields(i));
        sql.exec(
          "INSERT INTO documents (id, collection, owner_id, data, bytes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          crypto.randomUUID(),
          options.collection,
          owner,
          data,
          data.length,
          base + i,
          base + i,
        );
        perOwner.set(owner, (perOwner.get(owner) ?? 0) + 1);
      }
      for (const [owner, n] of perOwner)
        sql.exec(
          "INSERT INTO counters (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = value + excluded.value",
          `docs:${options.collection}:${owner}`,
          n,
        );
    });
  });
}

export async function exportLink(c: Client, slug: string): Promise<string> {
  const res = await c.post(`/api/apps/${slug}/exports`);
  expect(res.status, await res.clone().text()).toBe(201);
  const body = await json<{ url: string; expiresAt: number }>(res);
  return new URL(body.url).pathname;
}

export async function downloadExport(c: Client, slug: string): Promise<Uint8Array> {
  const res = await c.get(await exportLink(c, slug));
  expect(res.status, res.status === 200 ? "" : await res.clone().text()).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/zip");
  return new Uint8Array(await res.arrayBuffer());
}

export function zipOf(bytes: Uint8Array): ZipDirectory {
  const dir = readZipDirectory(bytes);
  if (!dir.ok) throw new Error(dir.reason);
  return dir.zip;
}

export async function entryText(zip: ZipDirectory, name: string): Promise<string> {
  const e = await readEntry(zip, name, 100 * 1024 * 1024);
  if (!e?.ok) throw new Error(`${name}: ${e === null ? "missing" : e.reason}`);
  return new TextDecoder().decode(e.bytes);
}

export async function entryJson<T>(zip: ZipDirectory, name: string): Promise<T> {
  return JSON.parse(await entryText(zip, name)) as T;
}

export async function importZip(c: Client, slug: string, bytes: Uint8Array): Promise<Response> {
  return c.fetch(`/api/apps/${slug}/imports`, {
    method: "POST",
    body: bytes,
    headers: { "content-type": "application/zip" },
  });
}
