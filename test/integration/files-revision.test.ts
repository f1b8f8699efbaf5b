// Saves carry the draft's revision: ETag on GET, If-Match on PUT, 409 `conflict` on a stale one
// (nothing written), and conditional R2 writes so two racing saves cannot both win.
import { describe, expect, it } from "vitest";
import { type Client, json } from "../helpers/client";
import { createApp, type ErrorBody, HOME, homeSaying, signedInCreator, THEME } from "./apps-helpers";

interface FilesBody {
  files: Record<string, string>;
  revision: string;
}

async function read(c: Client, slug: string): Promise<{ body: FilesBody; etag: string | null }> {
  const res = await c.get(`/api/apps/${slug}/files`);
  expect(res.status).toBe(200);
  return { etag: res.headers.get("etag"), body: await json<FilesBody>(res) };
}

function save(c: Client, slug: string, files: Record<string, string>, ifMatch?: string): Promise<Response> {
  const headers: Record<string, string> = {};
  if (ifMatch !== undefined) headers["if-match"] = ifMatch;
  return c.fetch(`/api/apps/${slug}/files`, { method: "PUT", json: { files }, headers });
}

describe("draft revisions: ETag / If-Match on /api/apps/:slug/files", () => {
  it("GET answers an ETag that is the body's revision, and it changes with each save", async () => {
    const c = await signedInCreator();
    await createApp(c, "rev-etag");
    const first = await read(c, "rev-etag");
    expect(first.etag).toBe(`"${first.body.revision}"`);
    const res = await save(c, "rev-etag", { [HOME]: homeSaying("One") }, first.etag ?? "");
    expect(res.status).toBe(200);
    const saved = await json<FilesBody>(res);
    expect(res.headers.get("etag")).toBe(`"${saved.revision}"`);
    expect(saved.revision).not.toBe(first.body.revision);
    expect((await read(c, "rev-etag")).etag).toBe(`"${saved.revision}"`);
  });

  it("a correct If-Match saves (200) and returns a new ETag that the next save can use", async () => {
    const c = await signedInCreator();
    await createApp(c, "rev-ok");
    const { etag } = await read(c, "rev-ok");
    const one = await save(c, "rev-ok", { [HOME]: homeSaying("One") }, etag ?? "");
    expect(one.status).toBe(200);
    const next = one.headers.get("etag");
    expect(next).not.toBe(etag);
    const two = await save(c, "rev-ok", { [HOME]: homeSaying("Two") }, next ?? "");
    expect(two.status).toBe(200);
    expect((await read(c, "rev-ok")).body.files[HOME]).toBe(homeSaying("Two"));
  });

  it("a stale If-Match answers 409 conflict naming the blanks changed elsewhere, and nothing changes", async () => {
    const c = await signedInCreator();
    await createApp(c, "rev-stale");
    const opened = await read(c, "rev-stale");
    // Another tab saves the theme first.
    const other = await save(c, "rev-stale", { [THEME]: ":root { --brand: red; }\n" }, opened.etag ?? "");
    expect(other.status).toBe(200);
    const before = await read(c, "rev-stale");

    const stale = await save(
      c,
      "rev-stale",
      { [HOME]: homeSaying("Mine"), [THEME]: "/* mine */\n" },
      opened.etag ?? "",
    );
    expect(stale.status).toBe(409);
    const body = await json<ErrorBody & { error: { blanks: string[]; revision: string } }>(stale);
    expect(body.error.code).toBe("conflict");
    expect(body.error.blanks).toEqual([THEME]);
    expect(body.error.message).toContain(THEME);
    expect(body.error.revision).toBe(before.body.revision);

    const after = await read(c, "rev-stale");
    expect(after.body).toEqual(before.body);
    expect(after.etag).toBe(before.etag);
  });

  it("two racing saves on the same revision: exactly one wins, the other gets 409", async () => {
    const c = await signedInCreator();
    await createApp(c, "rev-race");
    const { etag } = await read(c, "rev-race");
    const results = await Promise.all([
      save(c, "rev-race", { [HOME]: homeSaying("Tab A") }, etag ?? ""),
      save(c, "rev-race", { [HOME]: homeSaying("Tab B") }, etag ?? ""),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200);
    const won = await json<FilesBody>(winner as Response);
    expect((await read(c, "rev-race")).body.files[HOME]).toBe(won.files[HOME]);
  });

  it("without If-Match a save still works (older CLIs) and racing merges keep both edits", async () => {
    const c = await signedInCreator();
    await createApp(c, "rev-merge");
    const [a, b] = await Promise.all([
      save(c, "rev-merge", { [HOME]: homeSaying("Merged") }),
      save(c, "rev-merge", { [THEME]: "/* merged */\n" }),
    ]);
    expect(a?.status).toBe(200);
    expect(b?.status).toBe(200);
    const files = (await read(c, "rev-merge")).body.files;
    expect(files[HOME]).toBe(homeSaying("Merged"));
    expect(files[THEME]).toBe("/* merged */\n");
  });

  it("a malformed If-Match is 400 invalid_revision and nothing changes", async () => {
    const c = await signedInCreator();
    await createApp(c, "rev-bad");
    const before = await read(c, "rev-bad");
    const res = await save(c, "rev-bad", { [HOME]: homeSaying("Nope") }, "not a revision");
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).error.code).toBe("invalid_revision");
    expect((await read(c, "rev-bad")).body).toEqual(before.body);
  });
});
