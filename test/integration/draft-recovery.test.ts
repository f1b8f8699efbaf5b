// Issue #9 item 5: a way back from a broken blank. "Reset blank" puts one blank back to the
// template's content; "restore this version into the draft" copies a published version's blanks
// into the draft, so the next publish ships it again (a rollback only changes what is live).
import { beforeAll, describe, expect, it } from "vitest";
import { type Client, json } from "../helpers/client";
import { createApp, FIXTURE, HOME, homeSaying, publish, putFiles, signedInCreator, THEME } from "./apps-helpers";

let creator: Client;
const slug = "recover-me";

beforeAll(async () => {
  creator = await signedInCreator("recover");
  await createApp(creator, slug, FIXTURE);
});

const files = async (c: Client): Promise<Record<string, string>> =>
  (await json<{ files: Record<string, string> }>(await c.get(`/api/apps/${slug}/files`))).files;

describe("reset blank", () => {
  it("puts one blank back to the template's version and leaves the others as saved", async () => {
    const template = await files(creator);
    expect(
      (await putFiles(creator, slug, { [HOME]: "export default function Home( {", [THEME]: "body{}" })).status,
    ).toBe(200);
    const res = await creator.post(`/api/apps/${slug}/files/reset`, { path: HOME });
    expect(res.status).toBe(200);
    const body = await json<{ files: Record<string, string>; saved: string[] }>(res);
    expect(body.saved).toEqual([HOME]);
    const now = await files(creator);
    expect(now[HOME]).toBe(template[HOME]);
    expect(now[THEME]).toBe("body{}");
  });

  it("refuses a path that is not a blank, and another creator's app, changing nothing", async () => {
    const before = await files(creator);
    const locked = await creator.post(`/api/apps/${slug}/files/reset`, { path: "src/main.tsx" });
    expect(locked.status).toBe(404);
    const stranger = await signedInCreator("recover-stranger");
    expect((await stranger.post(`/api/apps/${slug}/files/reset`, { path: HOME })).status).toBe(404);
    expect(await files(creator)).toEqual(before);
  });
});

describe("restore a version into the draft", () => {
  it("copies version 1's blanks into the draft; what is live does not change", async () => {
    expect((await putFiles(creator, slug, { [HOME]: homeSaying("Version one") })).status).toBe(200);
    expect((await publish(creator, slug)).status).toBe(201);
    expect((await putFiles(creator, slug, { [HOME]: homeSaying("Version two") })).status).toBe(200);
    expect((await publish(creator, slug)).status).toBe(201);
    expect((await putFiles(creator, slug, { [HOME]: "export default function Home( { broken" })).status).toBe(200);

    // What the studio shows before the restore is confirmed: version 1's blanks, the draft untouched.
    const shown = await creator.get(`/api/apps/${slug}/versions/1`);
    expect(shown.status).toBe(200);
    const v1 = await json<{ version: number; files: Record<string, string> }>(shown);
    expect(v1.version).toBe(1);
    expect(v1.files[HOME]).toBe(homeSaying("Version one"));
    expect((await files(creator))[HOME]).toBe("export default function Home( { broken");

    const res = await creator.post(`/api/apps/${slug}/versions/1/restore`);
    expect(res.status).toBe(200);
    expect((await files(creator))[HOME]).toBe(homeSaying("Version one"));
    const app = await json<{ app: { version: number } }>(await creator.get(`/api/apps/${slug}`));
    expect(app.app.version).toBe(2);
    // The next publish ships the restored code.
    const again = await json<{ version: number }>(await publish(creator, slug));
    expect(again.version).toBe(3);
  });

  it("an unknown version is 404 and leaves the draft alone", async () => {
    const before = await files(creator);
    for (const v of ["9", "0", "x", "1e3"]) {
      expect((await creator.post(`/api/apps/${slug}/versions/${v}/restore`)).status).toBe(404);
      const read = await creator.get(`/api/apps/${slug}/versions/${v}`);
      expect(read.status, v).toBe(404);
      expect((await json<{ error: { code: string } }>(read)).error.code).toBe("not_found");
    }
    expect(await files(creator)).toEqual(before);
  });

  it("nobody else can restore into this app", async () => {
    const stranger = await signedInCreator("restore-stranger");
    expect((await stranger.post(`/api/apps/${slug}/versions/1/restore`)).status).toBe(404);
    // Nor read a version's code.
    expect((await stranger.get(`/api/apps/${slug}/versions/1`)).status).toBe(404);
  });
});
