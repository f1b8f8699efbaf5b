import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { r2Keys } from "../../platform/apps/r2-keys";
import { appOrigin, Client, json, STUDIO_ORIGIN } from "../helpers/client";
import {
  createApp,
  FIXTURE,
  HOME,
  homeSaying,
  publish,
  putFiles,
  signedInCreator,
  THEME,
  type ErrorBody,
} from "./apps-helpers";

/** A Stripe-shaped live key, assembled here so this file never contains one (T01). */
const fakeLiveKey = (): string => ["sk", "live", "4eC39HqLyjWDarjtT1zdp7dc"].join("_");

describe("studio apps API", () => {
  it("lists templates without test fixtures, each with its manifest", async () => {
    const res = await new Client(STUDIO_ORIGIN).get("/api/templates");
    expect(res.status).toBe(200);
    const { templates } = await json<{
      templates: Array<{ id: string; name: string; description: string; manifest: { id: string } }>;
    }>(res);
    expect(Array.isArray(templates)).toBe(true);
    expect(templates.map((t) => t.id)).not.toContain(FIXTURE);
    for (const t of templates) expect(t.manifest.id).toBe(t.id);
  });

  it("creates, lists and reads an app with an allow-listed shape", async () => {
    const c = await signedInCreator();
    const app = await createApp(c, "my-bakery");
    expect(Object.keys(app).sort()).toEqual(["id", "name", "slug", "template", "url", "version"]);
    expect(app).toMatchObject({
      slug: "my-bakery",
      template: FIXTURE,
      url: "http://my-bakery.localhost:8787/",
      version: null,
    });
    const list = await json<{ apps: Array<{ slug: string }> }>(await c.get("/api/apps"));
    expect(list.apps.map((a) => a.slug)).toEqual(["my-bakery"]);
    const one = await c.get("/api/apps/my-bakery");
    expect(one.status).toBe(200);
    expect((await json<{ app: { id: string } }>(one)).app.id).toBe(app.id);
  });

  it("refuses an unknown template, unknown fields, and anonymous callers", async () => {
    const c = await signedInCreator();
    const bad = await c.post("/api/apps", { slug: "no-such-template", template: "nope" });
    expect(bad.status).toBe(400);
    expect((await json<ErrorBody>(bad)).error.code).toBe("unknown_template");
    const extra = await c.post("/api/apps", { slug: "extra-field", template: FIXTURE, creatorId: "x" });
    expect(extra.status).toBe(400);
    expect((await new Client(STUDIO_ORIGIN).post("/api/apps", { slug: "anon-app", template: FIXTURE })).status).toBe(
      401,
    );
  });

  it("enforces the plan's app allowance (free: 3)", async () => {
    const c = await signedInCreator();
    for (const slug of ["quota-one", "quota-two", "quota-three"]) await createApp(c, slug);
    const fourth = await c.post("/api/apps", { slug: "quota-four", template: FIXTURE });
    expect(fourth.status).toBe(403);
    expect((await json<ErrorBody>(fourth)).error.code).toBe("limit_reached");
    expect((await c.get("/api/apps/quota-four")).status).toBe(404);
  });

  it("works with a CLI API token instead of the cookie", async () => {
    const c = await signedInCreator();
    const { token } = await json<{ token: string }>(await c.post("/api/tokens", { name: "cli" }));
    const cli = new Client(STUDIO_ORIGIN);
    const created = await cli.post(
      "/api/apps",
      { slug: "token-app", template: FIXTURE },
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(created.status).toBe(201);
    expect((await c.get("/api/apps/token-app")).status).toBe(200);
  });
});

describe("blanks: GET/PUT /api/apps/:slug/files", () => {
  it("starts from the template's blanks and saves only what was sent", async () => {
    const c = await signedInCreator();
    await createApp(c, "files-app");
    const first = await json<{
      files: Record<string, string>;
      blanks: Array<{ path: string; title: string; purpose: string }>;
    }>(await c.get("/api/apps/files-app/files"));
    expect(Object.keys(first.files).sort()).toEqual([HOME, THEME]);
    expect(first.blanks.map((b) => b.path)).toEqual([HOME, THEME]);
    expect(first.files[HOME]).toContain("Hello from the publish fixture");
    const saved = await putFiles(c, "files-app", { [HOME]: homeSaying("Edited") });
    expect(saved.status).toBe(200);
    const after = await json<{ files: Record<string, string> }>(await c.get("/api/apps/files-app/files"));
    expect(after.files[HOME]).toBe(homeSaying("Edited"));
    expect(after.files[THEME]).toBe(first.files[THEME]);
  });

  it("I9: a locked file is refused, named, and nothing is saved", async () => {
    const c = await signedInCreator();
    await createApp(c, "locked-app");
    const res = await putFiles(c, "locked-app", {
      [HOME]: homeSaying("Should not save"),
      "src/App.tsx": "export function App() { return null; }\n",
    });
    expect(res.status).toBe(400);
    const body = await json<ErrorBody>(res);
    expect(body.error.message).toContain("src/App.tsx");
    expect(body.error.problems).toEqual([
      expect.objectContaining({ file: "src/App.tsx", line: 1, code: "locked_file" }),
    ]);
    const files = await json<{ files: Record<string, string> }>(await c.get("/api/apps/locked-app/files"));
    expect(files.files[HOME]).not.toContain("Should not save");
  });

  it("T44: traversal, absolute, encoded and NUL paths are refused by name", async () => {
    const c = await signedInCreator();
    await createApp(c, "paths-app");
    for (const path of [
      "src/../../etc/passwd",
      "../src/blanks/Home.tsx",
      "/src/blanks/Home.tsx",
      "src/%2e%2e/x.tsx",
      "src/blanks/Home.tsx\u0000.png",
      "src\\blanks\\Home.tsx",
    ]) {
      const res = await putFiles(c, "paths-app", { [path]: "x" });
      expect(res.status, path).toBe(400);
      const body = await json<ErrorBody>(res);
      expect(body.error.code).toBe("invalid_files");
      expect(body.error.problems?.[0]).toMatchObject({ line: 1, code: "bad_path" });
      expect(body.error.problems?.[0]?.file).toBe(JSON.stringify(path).slice(1, -1));
    }
  });

  it("T01: a credential-shaped string is refused with file and line, and the message does not echo it", async () => {
    const c = await signedInCreator();
    await createApp(c, "secret-app");
    const key = fakeLiveKey();
    const res = await putFiles(c, "secret-app", {
      [HOME]: `const a = 1;\nconst b = 2;\nconst key = "${key}";\nexport default function Home() { return <p>{a + b}</p>; }\n`,
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain(key);
    const body = JSON.parse(text) as ErrorBody;
    expect(body.error.problems).toEqual([expect.objectContaining({ file: HOME, line: 3, code: "secret" })]);
  });

  it("caps the size of one blank", async () => {
    const c = await signedInCreator();
    await createApp(c, "big-app");
    const res = await putFiles(c, "big-app", { [THEME]: "a{}\n".repeat(80_000) });
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).error.problems?.[0]).toMatchObject({ file: THEME, code: "too_large" });
  });
});

describe("publish refuses bad sources with file and line", () => {
  it("T45: disallowed imports (package, node:, http:) fail with the importing line", async () => {
    const c = await signedInCreator();
    await createApp(c, "imports-app");
    const source = [
      'import _ from "lodash";',
      'import fs from "node:fs";',
      'import x from "http://evil.example/x.js";',
      "export default function Home() { return <p>{String(_) + String(fs) + String(x)}</p>; }",
      "",
    ].join("\n");
    expect((await putFiles(c, "imports-app", { [HOME]: source })).status).toBe(200);
    const res = await publish(c, "imports-app");
    expect(res.status).toBe(422);
    const body = await json<ErrorBody>(res);
    expect(body.error.code).toBe("build_failed");
    const problems = body.error.problems ?? [];
    expect(
      problems
        .filter((p) => p.file === HOME)
        .map((p) => p.line)
        .sort(),
    ).toEqual([1, 2, 3]);
    for (const p of problems) expect(p.code).toBe("import_not_allowed");
    expect(
      (await json<{ app: { version: number | null } }>(await c.get("/api/apps/imports-app"))).app.version,
    ).toBeNull();
  });

  it("T01: a key assembled at build time is caught in the output and mapped back to its line", async () => {
    const c = await signedInCreator();
    await createApp(c, "folded-secret");
    const [a, b] = ["sk_li", "ve_4eC39HqLyjWDarjtT1zdp7dc"];
    const source = [
      "// line 1",
      `const key = "${a}" + "${b}";`,
      "export default function Home() { return <p>{key}</p>; }",
      "",
    ].join("\n");
    expect((await putFiles(c, "folded-secret", { [HOME]: source })).status).toBe(200);
    const res = await publish(c, "folded-secret");
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).not.toContain(a + b);
    expect((JSON.parse(text) as ErrorBody).error.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: HOME, line: 2, code: "secret" })]),
    );
  });

  it("a syntax error names file and line; the live version is unchanged", async () => {
    const c = await signedInCreator();
    await createApp(c, "syntax-app");
    expect((await publish(c, "syntax-app")).status).toBe(201);
    await putFiles(c, "syntax-app", { [HOME]: "export default function Home() {\n  return <h1>unclosed;\n}\n" });
    const res = await publish(c, "syntax-app");
    expect(res.status).toBe(422);
    expect((await json<ErrorBody>(res)).error.problems?.[0]).toMatchObject({ file: HOME });
    expect((await json<{ app: { version: number } }>(await c.get("/api/apps/syntax-app"))).app.version).toBe(1);
  });

  it("I9: a locked file planted in the stored draft is ignored; the template's own is built", async () => {
    const c = await signedInCreator();
    const app = await createApp(c, "planted-app");
    const planted = {
      files: {
        [HOME]: homeSaying("Planted home"),
        "src/App.tsx": "export function App() { return <p>PLANTED-LOCKED</p>; }\n",
      },
      savedAt: 1,
    };
    await env.BUCKET.put(r2Keys.draft(app.id), JSON.stringify(planted));
    expect((await publish(c, "planted-app")).status).toBe(201);
    const site = new Client(appOrigin("planted-app"));
    const html = await (await site.get("/")).text();
    const script = /src="(\/assets\/app-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await (await site.get(script!)).text();
    expect(js).toContain("Planted home");
    expect(js).not.toContain("PLANTED-LOCKED");
  });
});
