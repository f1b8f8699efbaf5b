/**
 * Every template under templates/: the manifest parses (with cross-references), every blank
 * exists, the template builds with the real builder (esbuild-wasm, React vendor, @sandlot/sdk,
 * @sandlot/kit) and takes its shared locked UI from the kit instead of a copy,
 * each blank can be replaced on its own without breaking the locked code, and the committed
 * JSON Schema is current.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifestJsonSchemaText } from "../platform/manifest/json-schema";
import { rulePatternForEditors } from "../platform/policy/rules";
import {
  buildTemplate,
  checkManifest,
  loadToolchain,
  readTemplateDir,
  templateDirs,
  type TemplateDir,
  type Toolchain,
} from "./_kit/load";

const here = fileURLToPath(new URL(".", import.meta.url));
const EXPECTED = [
  "booking",
  "community-qa",
  "directory",
  "downloads-shop",
  "events",
  "habit-tracker",
  "online-course",
  "paid-newsletter",
  "saas-starter",
  "waitlist",
];
/** What a template must take from @sandlot/kit rather than keep a copy of. */
const KIT_EXPORTS = [
  "AuthScreen",
  "AccountPage",
  "Shell",
  "NotFound",
  "Link",
  "useRoute",
  "navigate",
  "match",
  "currentPath",
  "Loading",
  "ErrorNote",
  "Empty",
];
const dirs = templateDirs(here);

let tc: Toolchain;
beforeAll(async () => {
  tc = await loadToolchain();
}, 120_000);
afterAll(() => tc?.dispose());

it("ships the ten templates", () => {
  expect(dirs.map((d) => basename(d))).toEqual(EXPECTED);
});

it("templates/template.schema.json is current (run node scripts/gen-manifest-schema.mjs)", () => {
  expect(readFileSync(join(here, "template.schema.json"), "utf8")).toBe(manifestJsonSchemaText());
});

it("the JSON Schema carries the rule grammar wherever a rule goes: actions, visibility, writable", () => {
  const schema = JSON.parse(readFileSync(join(here, "template.schema.json"), "utf8"));
  const collection = schema.properties.collections.additionalProperties;
  const pattern = rulePatternForEditors();
  for (const action of ["list", "read", "create", "update", "delete"])
    expect(collection.properties.rules.properties[action].pattern).toBe(pattern);
  expect(collection.properties.visibility.additionalProperties.pattern).toBe(pattern);
  expect(collection.properties.writable.additionalProperties.pattern).toBe(pattern);
  expect(schema.properties.quotas.items.required).toEqual(["id", "collections", "max"]);
  // Every rule the fixtures and shipped templates hold fits the editors' pattern.
  const re = new RegExp(pattern);
  for (const dir of [...dirs, ...templateDirs(join(here, "../test/fixtures/templates"))]) {
    const manifest = JSON.parse(readFileSync(join(dir, "template.json"), "utf8"));
    for (const c of Object.values(manifest.collections ?? {}) as Array<{
      rules?: object;
      visibility?: object;
      writable?: object;
    }>) {
      for (const rule of [
        ...Object.values(c.rules ?? {}),
        ...Object.values(c.visibility ?? {}),
        ...Object.values(c.writable ?? {}),
      ])
        expect(re.test(rule as string), `${dir}: ${rule}`).toBe(true);
    }
  }
});

it("every fixture template's manifest passes the same checks (recipe-box, sandlot-rules, …)", () => {
  for (const dir of templateDirs(join(here, "../test/fixtures/templates"))) {
    expect(checkManifest(readTemplateDir(dir)).problems, dir).toEqual([]);
  }
});

/** A stand-in for a blank someone rewrote from scratch: only the default export is kept. */
function replacement(path: string): string {
  if (path.endsWith(".css")) return ":root { --color-accent: #0a7; }\n";
  return "export default function Replaced(props: Record<string, unknown>) {\n  return <div data-replaced>{Object.keys(props).length}</div>;\n}\n";
}

describe.each(EXPECTED)("template %s", (id) => {
  let t: TemplateDir;
  beforeAll(() => {
    t = readTemplateDir(join(here, id));
  });

  it("manifest is valid, names its folder, points editors at the JSON Schema, and every blank exists", () => {
    const { manifest, problems } = checkManifest(t);
    expect(problems).toEqual([]);
    expect(manifest!.id).toBe(id);
    expect(JSON.parse(t.manifestText).$schema).toBe("../template.schema.json");
    for (const b of manifest!.blanks) {
      expect(b.purpose.length, `${b.path} needs a purpose the AI can follow`).toBeGreaterThan(40);
      if (b.path.endsWith(".tsx"))
        expect(t.files[b.path], `${b.path} must default-export a component`).toMatch(/export default function [A-Z]/);
    }
  });

  it("has a README and an index.html without inline scripts", () => {
    expect(readFileSync(join(here, id, "README.md"), "utf8")).toMatch(/^# /);
    const html = t.files["index.html"]!;
    expect(html).toContain('<script type="module" src="/src/main.tsx"></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).toMatch(/<meta name="viewport"/);
  });

  it("builds with the real builder", async () => {
    const { manifest } = checkManifest(t);
    const r = await buildTemplate(tc, manifest!, t);
    expect(r.ok, r.ok ? "" : JSON.stringify(r.problems, null, 1)).toBe(true);
    if (!r.ok) return;
    const js = r.assets
      .filter((a) => a.path.endsWith(".js"))
      .map((a) => new TextDecoder().decode(a.body))
      .join("\n");
    expect(js).toContain("/_api/"); // the SDK is inside
    expect(r.assets.some((a) => a.path.endsWith(".css"))).toBe(true);
  });

  it("each blank can be rewritten on its own and the app still builds", async () => {
    const { manifest } = checkManifest(t);
    for (const b of manifest!.blanks) {
      const r = await buildTemplate(tc, manifest!, t, { [b.path]: replacement(b.path) });
      expect(r.ok, `${b.path}: ${r.ok ? "" : JSON.stringify(r.problems)}`).toBe(true);
    }
  });

  it("uses the locked kit instead of a copy: @sandlot/kit and its base.css are bundled in, one SDK", async () => {
    const kitIndex = tc.kitSource["index.ts"]!;
    for (const name of KIT_EXPORTS) {
      expect(kitIndex, `the kit exports ${name}`).toMatch(new RegExp(`export \\{[^}]*\\b${name}\\b`));
      for (const [path, text] of Object.entries(t.files))
        expect(text, `${path} redefines the kit's ${name}`).not.toMatch(
          new RegExp(`export (function|const) ${name}\\b`),
        );
    }
    expect(t.files["src/main.tsx"]).toContain('import "@sandlot/kit/base.css";');
    const { manifest } = checkManifest(t);
    const r = await buildTemplate(tc, manifest!, t);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const text = (ext: string) =>
      r.assets
        .filter((a) => a.path.endsWith(ext))
        .map((a) => new TextDecoder().decode(a.body))
        .join("\n");
    expect(text(".js")).toContain("Create your account"); // the kit's AuthScreen
    expect(text(".js").split("/_api/auth/me").length - 1).toBe(1); // the kit and the template share one SDK
    expect(text(".css")).toContain(".auth{max-width:26rem"); // the kit's base.css
    const withoutKit = await buildTemplate({ ...tc, kitSource: {} }, manifest!, t);
    expect(withoutKit.ok).toBe(false);
  });

  it("a change to a locked file is refused with its file and line (I9)", async () => {
    const { manifest } = checkManifest(t);
    const app = t.files["src/App.tsx"]!;
    const r = await buildTemplate(tc, manifest!, t, { "src/App.tsx": app.replace("\n", "\n// changed\n") });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toContainEqual(expect.objectContaining({ file: "src/App.tsx", line: 2, code: "locked_file" }));
  });
});
