// Publish reports its phases as they happen (NDJSON with Accept: application/x-ndjson), with the
// time each took, then the result or the build's problems; without that Accept, one JSON answer.
import { describe, expect, it } from "vitest";
import { type Client, json } from "../helpers/client";
import { createApp, HOME, homeSaying, putFiles, signedInCreator } from "./apps-helpers";

interface Line {
  type: string;
  phase?: string;
  state?: string;
  ms?: number;
  status?: number;
  body?: { version: number; url: string };
  error?: { code: string; message: string; problems?: Array<{ file: string; line: number }> };
}

async function publishStream(c: Client, slug: string): Promise<{ res: Response; lines: Line[] }> {
  const res = await c.fetch(`/api/apps/${slug}/publish`, {
    method: "POST",
    headers: { accept: "application/x-ndjson" },
  });
  const text = await res.text();
  const lines = text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
  return { res, lines };
}

describe("publish phases", () => {
  it("streams building, checking, uploading, live (each started and done, with ms), then the version", async () => {
    const c = await signedInCreator();
    await createApp(c, "phases-ok");
    const { res, lines } = await publishStream(c, "phases-ok");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    const phases = lines.filter((l) => l.type === "phase").map((l) => `${l.phase}:${l.state}`);
    expect(phases).toEqual([
      "building:start",
      "building:done",
      "checking:start",
      "checking:done",
      "uploading:start",
      "uploading:done",
      "live:start",
      "live:done",
    ]);
    for (const done of lines.filter((l) => l.state === "done")) expect(done.ms).toBeGreaterThanOrEqual(0);
    const last = lines.at(-1);
    expect(last?.type).toBe("result");
    expect(last?.status).toBe(201);
    expect(last?.body?.version).toBe(1);
    const versions = await json<{ versions: Array<{ version: number }> }>(await c.get("/api/apps/phases-ok/versions"));
    expect(versions.versions.map((v) => v.version)).toEqual([1]);
  });

  it("a failing build ends after building with the problems as file:line, and nothing goes live", async () => {
    const c = await signedInCreator();
    await createApp(c, "phases-bad");
    expect(
      (await putFiles(c, "phases-bad", { [HOME]: "export default function Home() {\n  return <h1>Hi</h2>;\n}\n" }))
        .status,
    ).toBe(200);
    const { lines } = await publishStream(c, "phases-bad");
    expect(lines.filter((l) => l.type === "phase").map((l) => `${l.phase}:${l.state}`)).toEqual([
      "building:start",
      "building:done",
    ]);
    const last = lines.at(-1);
    expect(last?.type).toBe("error");
    expect(last?.status).toBe(422);
    expect(last?.error?.code).toBe("build_failed");
    expect(last?.error?.problems?.[0]).toMatchObject({ file: HOME, line: 2 });
    const app = await json<{ app: { version: number | null } }>(await c.get("/api/apps/phases-bad"));
    expect(app.app.version).toBeNull();
  });

  it("without the NDJSON Accept the answer is one JSON body, as older clients expect", async () => {
    const c = await signedInCreator();
    await createApp(c, "phases-json");
    expect((await putFiles(c, "phases-json", { [HOME]: homeSaying("Plain") })).status).toBe(200);
    const res = await c.post("/api/apps/phases-json/publish");
    expect(res.status).toBe(201);
    expect((await json<{ version: number }>(res)).version).toBe(1);
  });
});
