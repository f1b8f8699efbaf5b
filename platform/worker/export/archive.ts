import type { AppRow } from "../../apps/queries";
import { r2Keys } from "../../apps/r2-keys";
import type { Env } from "../../env";
import type { CollectionSpec } from "../../manifest/schema";
import { toItem } from "../../object/documents";
import type { ExportCounts, ExportPage } from "../../object/export-data";
import { readSources } from "../../publish/sources";
import type { Template } from "../../templates/registry";
import { VENDOR_FILES } from "../../../sandbox/vendor/dist/files";
import { appStub } from "../stubs";
import { csvRow } from "../../export/csv";
import { exportReadme } from "../../export/readme";
import type { ZipEntry } from "../../export/zip-writer";

/**
 * The entries of one app's export, produced one at a time as the zip stream pulls them: data
 * comes out of the app's object a page at a time and files straight from R2, so nothing is held
 * but the page in hand. Layout: exportReadme (readme.ts) describes it for people; `export.json`
 * for the import (import.ts).
 */

export const EXPORT_FORMAT = "sandlot-export";
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  exportId: string;
  exportedAt: string;
  app: { slug: string; name: string; templateId: string; liveVersion: number | null };
  collections: string[];
  counts: ExportCounts;
}

const encoder = new TextEncoder();

type Stub = ReturnType<typeof appStub>;

/** Every item of a paged export read, one page in memory at a time. */
async function* pages<T>(read: (after: string | null) => Promise<ExportPage<T>>): AsyncGenerator<T> {
  let after: string | null = null;
  do {
    const page: ExportPage<T> = await read(after);
    yield* page.items;
    after = page.next;
  } while (after !== null);
}

/** A JSON array, one item a line, streamed. */
async function* jsonArray<T>(items: AsyncIterable<T>, view: (item: T) => unknown): AsyncGenerator<Uint8Array> {
  let first = true;
  for await (const item of items) {
    yield encoder.encode(`${first ? "[\n" : ",\n"}${JSON.stringify(view(item))}`);
    first = false;
  }
  yield encoder.encode(first ? "[]\n" : "\n]\n");
}

async function* csvLines<T>(
  header: readonly string[],
  items: AsyncIterable<T>,
  row: (item: T) => unknown[],
): AsyncGenerator<Uint8Array> {
  yield encoder.encode(csvRow(header));
  for await (const item of items) yield encoder.encode(csvRow(row(item)));
}

function recordItem(spec: CollectionSpec) {
  return (r: { id: string; ownerId: string | null; data: string; createdAt: number; updatedAt: number }) =>
    toItem(spec, r);
}

async function* r2Body(env: Env, key: string): AsyncGenerator<Uint8Array> {
  const object = await env.BUCKET.get(key);
  if (!object) return;
  const reader = object.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

async function* sourceEntries(env: Env, app: AppRow, template: Template): AsyncGenerator<ZipEntry> {
  for (const [path, content] of Object.entries(await readSources(env, app.id, template)))
    yield { name: `sources/draft/${path}`, body: content };
  if (app.currentVersion !== null) {
    const key = r2Keys.versionSources(app.id, app.currentVersion);
    for (const [path, content] of Object.entries(await readSources(env, app.id, template, key)))
      yield { name: `sources/published/${path}`, body: content };
  }
  yield { name: "sources/template/template.json", body: `${JSON.stringify(template.manifest, null, 2)}\n` };
  for (const [path, content] of Object.entries(template.files))
    yield { name: `sources/template/${path}`, body: content };
}

async function* bundleEntries(env: Env, app: AppRow): AsyncGenerator<ZipEntry> {
  if (app.currentVersion === null) return;
  yield { name: "bundle/index.html", body: r2Body(env, r2Keys.index(app.id, app.currentVersion)) };
  const list = await env.BUCKET.get(r2Keys.versionAssets(app.id, app.currentVersion));
  const names: unknown = list ? JSON.parse(await list.text()) : [];
  for (const name of Array.isArray(names) ? names : [])
    if (typeof name === "string")
      yield { name: `bundle/assets/${name}`, body: r2Body(env, r2Keys.asset(app.id, name)) };
  for (const [name, file] of Object.entries(VENDOR_FILES))
    yield { name: `bundle/_sandlot/vendor/${name}`, body: file.body };
}

async function* dataEntries(stub: Stub, template: Template): AsyncGenerator<ZipEntry> {
  for (const [name, spec] of Object.entries(template.manifest.collections)) {
    const records = () => pages((after) => stub.exportRecords(name, after));
    const item = recordItem(spec);
    yield { name: `data/${name}.json`, body: jsonArray(records(), item) };
    const fields = Object.keys(spec.fields);
    yield {
      name: `data/${name}.csv`,
      body: csvLines(["id", "ownerId", "createdAt", "updatedAt", ...fields], records(), (r) => {
        const i = item(r);
        return [i.id, i.ownerId, i.createdAt, i.updatedAt, ...fields.map((f) => i[f])];
      }),
    };
  }
  const users = () => pages((after) => stub.exportUsers(after));
  yield { name: "users.json", body: jsonArray(users(), (u) => u) };
  yield {
    name: "users.csv",
    body: csvLines(["id", "email", "verified", "createdAt"], users(), (u) => [u.id, u.email, u.verified, u.createdAt]),
  };
  yield {
    name: "subscriptions.json",
    body: jsonArray(
      pages((after) => stub.exportSubscriptions(after)),
      (s) => s,
    ),
  };
}

async function* fileEntries(env: Env, stub: Stub, appId: string): AsyncGenerator<ZipEntry> {
  yield {
    name: "files.json",
    body: jsonArray(
      pages((after) => stub.exportFiles(after)),
      (f) => f,
    ),
  };
  for await (const f of pages((after) => stub.exportFiles(after)))
    yield { name: `files/${f.id}`, body: r2Body(env, r2Keys.file(appId, f.id)) };
}

export async function* exportEntries(
  env: Env,
  target: { app: AppRow; template: Template; counts: ExportCounts; at: Date },
): AsyncGenerator<ZipEntry> {
  const { app, template, counts, at } = target;
  const stub = appStub(env, app.id);
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportId: crypto.randomUUID(),
    exportedAt: at.toISOString(),
    app: { slug: app.slug, name: app.name, templateId: app.templateId, liveVersion: app.currentVersion },
    collections: Object.keys(template.manifest.collections),
    counts,
  };
  yield { name: "README.md", body: exportReadme(app, at) };
  yield { name: "export.json", body: `${JSON.stringify(header, null, 2)}\n` };
  yield* sourceEntries(env, app, template);
  yield* bundleEntries(env, app);
  yield* dataEntries(stub, template);
  yield* fileEntries(env, stub, app.id);
}

/** Entries besides the files themselves, generously: for the 65,535-entry cap checked before streaming. */
export const entriesBesidesFiles = (template: Template): number =>
  1000 + Object.keys(template.files).length + 2 * Object.keys(template.manifest.collections).length;
