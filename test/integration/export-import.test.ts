// Export and import (issue 16): an app with 10,000 records and a file leaves as one streamed zip
// and comes back, in a new app of the same template, with the same data.
import { describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { createApp, publish, putFiles, homeSaying, signedInCreator } from "./apps-helpers";
import {
  downloadExport,
  endUser,
  entryJson,
  entryText,
  importZip,
  PNG,
  seedDocuments,
  upload,
  zipOf,
} from "./export-helpers";

interface Note {
  id: string;
  ownerId: string | null;
  createdAt: number;
  updatedAt: number;
  text: string;
}

describe("export and import: /api/apps/:slug/exports, /imports", () => {
  it("exports 10,000 records and a file, and imports them into a new app with the same data", async () => {
    const c = await signedInCreator("exporter");
    const source = await createApp(c, "exp-src");
    expect((await putFiles(c, "exp-src", { "src/blanks/Home.tsx": homeSaying("Exported") })).status).toBe(200);
    expect((await publish(c, "exp-src")).status).toBe(201);
    const ada = await endUser("exp-src", "ada@example.com");
    const bob = await endUser("exp-src", "bob@example.com");
    const fileId = await upload(ada.client, PNG);
    const viaApi = await ada.client.post("/_api/collections/notes", { text: "=1+1, written through the API" });
    expect(viaApi.status).toBe(201);
    await seedDocuments(source.id, {
      collection: "notes",
      owners: [ada.id, bob.id],
      count: 9_999,
      fields: (i) => ({ text: `note ${i}, with "quotes", a comma\nand a new line` }),
    });

    const zipBytes = await downloadExport(c, "exp-src");
    const zip = zipOf(zipBytes);
    const notes = await entryJson<Note[]>(zip, "data/notes.json");
    expect(notes).toHaveLength(10_000);
    const csv = await entryText(zip, "data/notes.csv");
    expect(csv.startsWith("id,ownerId,createdAt,updatedAt,text\r\n")).toBe(true);
    // A formula-looking cell is defused for spreadsheets.
    expect(csv).toContain(",\"'=1+1, written");
    const users = await entryJson<Array<Record<string, unknown>>>(zip, "users.json");
    expect(users.map((u) => u.email).sort()).toEqual(["ada@example.com", "bob@example.com"]);
    for (const u of users) expect(Object.keys(u).sort()).toEqual(["createdAt", "email", "id", "verified"]);
    expect(await entryJson(zip, "files.json")).toEqual([expect.objectContaining({ id: fileId, ownerId: ada.id })]);
    expect([...zip.entries.keys()]).toEqual(
      expect.arrayContaining([
        "README.md",
        "export.json",
        "sources/draft/src/blanks/Home.tsx",
        "sources/published/src/blanks/Home.tsx",
        "sources/template/template.json",
        "bundle/index.html",
        "users.csv",
        "subscriptions.json",
        `files/${fileId}`,
      ]),
    );
    expect(await entryText(zip, "sources/draft/src/blanks/Home.tsx")).toContain("Exported");
    expect([...zip.entries.keys()].some((n) => n.startsWith("bundle/assets/"))).toBe(true);

    // Into a new app of the same template.
    await createApp(c, "exp-dst");
    const res = await importZip(c, "exp-dst", zipBytes);
    expect(res.status, await res.clone().text()).toBe(200);
    const summary = await json<{
      users: { imported: number };
      files: { imported: number };
      records: Record<string, { imported: number; rejected: number }>;
      rejections: unknown[];
    }>(res);
    expect(summary.rejections).toEqual([]);
    expect(summary.users.imported).toBe(2);
    expect(summary.files.imported).toBe(1);
    expect(summary.records.notes).toEqual({ imported: 10_000, skipped: 0, rejected: 0 });

    // Exported again, the new app holds the same records, users and file, ids and owners kept.
    const again = zipOf(await downloadExport(c, "exp-dst"));
    expect(await entryJson<Note[]>(again, "data/notes.json")).toEqual(notes);
    expect(await entryJson(again, "users.json")).toEqual(users);
    expect(await entryText(again, `files/${fileId}`)).toEqual(await entryText(zip, `files/${fileId}`));

    // Users came back without passwords: the old one does not sign in; the data browser shows the records.
    const login = await endUserLogin("exp-dst", "ada@example.com");
    expect(login).toBe(401);
    const page = await json<{ records: Array<{ ownerEmail: string }> }>(
      await c.get("/api/apps/exp-dst/data/collections/notes?limit=5"),
    );
    expect(page.records).toHaveLength(5);

    // A second run of the same export changes nothing.
    const second = await importZip(c, "exp-dst", zipBytes);
    expect(second.status, await second.clone().text()).toBe(200);
    const secondSummary = await json<{
      resumed: boolean;
      records: Record<string, { imported: number; skipped: number }>;
    }>(second);
    expect(secondSummary.resumed).toBe(true);
    expect(secondSummary.records.notes).toEqual({ imported: 0, skipped: 10_000, rejected: 0 });
  });

  it("refuses an export of another template (409 template_mismatch) and a zip that is not an export", async () => {
    const c = await signedInCreator("mismatch");
    await createApp(c, "exp-tpl-a");
    await createApp(c, "exp-tpl-b", "booking");
    const zipBytes = await downloadExport(c, "exp-tpl-a");
    const wrong = await importZip(c, "exp-tpl-b", zipBytes);
    expect(wrong.status).toBe(409);
    expect((await json<{ error: { code: string } }>(wrong)).error.code).toBe("template_mismatch");
    const junk = await importZip(c, "exp-tpl-b", new TextEncoder().encode("not a zip at all"));
    expect(junk.status).toBe(400);
    expect((await json<{ error: { code: string } }>(junk)).error.code).toBe("invalid_export");
  });
});

async function endUserLogin(slug: string, email: string): Promise<number> {
  const { Client } = await import("../helpers/client");
  const { appOrigin } = await import("../helpers/client");
  const client = new Client(appOrigin(slug));
  const res = await client.post("/_api/auth/login", { email, password: "correct horse battery staple" });
  return res.status;
}
