/**
 * @sandlot/kit in the builder, with the real kit (sandbox/kit) and the real SDK (sandbox/sdk) on
 * real esbuild-wasm. The kit is locked platform code: it comes only from the builder's own kit
 * source, never from the app's files (I9), and only its exported specifiers reach it (T45).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { readPackageSource } from "../../scripts/build-vendor.mjs";
import { manifestSchema } from "../../platform/manifest/schema";
import { build, type BuildResult, type EsbuildApi, type TemplateSource } from "./index";
import { initEsbuildNode } from "./init-node";
import { HOME, fakeVendor, fixtureTemplate, homeOf } from "./test-fixtures";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const kitSource = readPackageSource(join(root, "sandbox/kit"))!;
const sdkSource = readPackageSource(join(root, "sandbox/sdk"))!;
const decoder = new TextDecoder();

let esbuild: EsbuildApi;
beforeAll(async () => {
  esbuild = await initEsbuildNode();
});

const run = (
  files: Record<string, string>,
  opts: { template?: TemplateSource; kit?: Record<string, string> | null } = {},
): Promise<BuildResult> =>
  build({
    template: opts.template ?? fixtureTemplate,
    files,
    esbuild,
    vendor: fakeVendor,
    sdkSource,
    ...(opts.kit === null ? {} : { kitSource: opts.kit ?? kitSource }),
  });
const problemsOf = (r: BuildResult) => (r.ok ? [] : r.problems);
const textOf = (r: BuildResult, ext: ".js" | ".css"): string => {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.assets
    .filter((a) => a.path.endsWith(ext))
    .map((a) => decoder.decode(a.body))
    .join("\n");
};
const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

const KIT_HOME = homeOf(
  'import { AuthScreen, Link, Loading } from "@sandlot/kit";',
  'import "@sandlot/kit/base.css";',
  "export default function Home() {",
  '  return <><Loading /><Link to="/x">x</Link><AuthScreen mode="signup" intro="kit-intro" /></>;',
  "}",
);

describe("a blank using the kit", () => {
  it("bundles the kit's components and base.css into the app", async () => {
    const r = await run(KIT_HOME);
    expect(r.ok, JSON.stringify(problemsOf(r))).toBe(true);
    const js = textOf(r, ".js");
    expect(js).toContain("Create your account");
    expect(js).toContain("kit-intro");
    expect(textOf(r, ".css")).toContain(".auth{max-width:26rem");
  });

  it("the kit and the app share one @sandlot/sdk module (one auth store, one transport)", async () => {
    // fixtureTemplate's locked App.tsx imports useUser from the SDK; the kit imports it too.
    const js = textOf(await run(KIT_HOME), ".js");
    expect(count(js, "/_api/auth/me")).toBe(1);
    expect(count(js, "/_api/auth/login")).toBe(1);
  });

  it("without kit sources, an import of @sandlot/kit is a clear missing_file naming the importer", async () => {
    const r = await run(KIT_HOME, { kit: null });
    expect(problemsOf(r)).toContainEqual(
      expect.objectContaining({
        file: HOME,
        line: 1,
        code: "missing_file",
        message: expect.stringContaining("@sandlot/kit is not available"),
      }),
    );
  });

  it("a problem inside the kit is reported under @sandlot/kit/…, not as an app file", async () => {
    const r = await run(KIT_HOME, {
      kit: { ...kitSource, "Status.tsx": "export function Loading() {}\nexport const = 1;\n" },
    });
    expect(problemsOf(r)).toContainEqual(
      expect.objectContaining({ file: "@sandlot/kit/Status.tsx", line: 2, code: "syntax" }),
    );
  });
});

describe("I9: an app cannot shadow or replace a kit module", () => {
  it("files that name the kit's own paths are refused and never reach the build", async () => {
    const fake = 'export function AuthScreen() { return "FAKE-KIT"; }\n';
    const r = await run({
      ...KIT_HOME,
      "sandbox/kit/AuthScreen.tsx": fake,
      "sandbox/kit/index.ts": fake,
      "@sandlot/kit/index.ts": fake,
      "node_modules/@sandlot/kit/index.ts": fake,
      "src/@sandlot/kit/index.ts": fake,
      "src/node_modules/@sandlot/kit/index.ts": fake,
    });
    expect(r.ok).toBe(false);
    expect(
      problemsOf(r)
        .map((p) => [p.file, p.code])
        .sort(),
    ).toEqual([
      ["@sandlot/kit/index.ts", "bad_path"],
      ["node_modules/@sandlot/kit/index.ts", "bad_path"],
      ["sandbox/kit/AuthScreen.tsx", "bad_path"],
      ["sandbox/kit/index.ts", "bad_path"],
      ["src/@sandlot/kit/index.ts", "unknown_blank"],
      ["src/node_modules/@sandlot/kit/index.ts", "unknown_blank"],
    ]);
  });

  it("even a template's own file at a kit-looking path is ignored: @sandlot/kit always means the platform's kit", async () => {
    const fake =
      'export function AuthScreen() { return "FAKE-KIT"; }\nexport function Link() { return null; }\nexport function Loading() { return null; }\n';
    const template: TemplateSource = {
      manifest: fixtureTemplate.manifest,
      files: {
        ...fixtureTemplate.files,
        "src/@sandlot/kit/index.ts": fake,
        "src/@sandlot/kit.ts": fake,
        "src/node_modules/@sandlot/kit/index.ts": fake,
      },
    };
    const js = textOf(await run(KIT_HOME, { template }), ".js");
    expect(js).toContain("Create your account");
    expect(js).not.toContain("FAKE-KIT");
  });

  it("a blank's relative import reaches only app files, never the kit's", async () => {
    const r = await run(
      homeOf(
        'import { AuthScreen } from "../AuthScreen";',
        'import "../base.css";',
        'export default () => <AuthScreen mode="signin" />;',
      ),
    );
    expect(problemsOf(r).map((p) => [p.line, p.code])).toEqual([
      [1, "missing_file"],
      [2, "missing_file"],
    ]);
  });
});

describe("T45: only the kit's exported specifiers reach it", () => {
  const deep = [
    "@sandlot/kit/AuthScreen",
    "@sandlot/kit/AuthScreen.tsx",
    "@sandlot/kit/index.ts",
    "@sandlot/kit/router",
    "@sandlot/kit/../sdk/auth",
    "@sandlot/kit/base",
    "@sandlot/kitx",
  ];

  it("deep imports into the kit are refused with file and line", async () => {
    const r = await run(
      homeOf(
        ...deep.map((s, i) => `import * as m${i} from "${s}";`),
        `export default () => [${deep.map((_, i) => `m${i}`).join(", ")}].length;`,
      ),
    );
    expect(problemsOf(r).map((p) => [p.file, p.line, p.code])).toEqual(
      deep.map((_, i) => [HOME, i + 1, "import_not_allowed"]),
    );
  });

  it("listing a deep kit path in the manifest's imports does not open it either", async () => {
    const template: TemplateSource = {
      manifest: manifestSchema.parse({ ...fixtureTemplate.manifest, imports: ["@sandlot/kit/AuthScreen"] }),
      files: fixtureTemplate.files,
    };
    const r = await run(
      homeOf(
        'import { AuthScreen } from "@sandlot/kit/AuthScreen";',
        'export default () => <AuthScreen mode="signin" />;',
      ),
      { template },
    );
    expect(problemsOf(r)).toEqual([expect.objectContaining({ file: HOME, line: 1, code: "missing_file" })]);
  });

  it("the kit's own relative imports cannot climb out of the kit", async () => {
    const r = await run(KIT_HOME, {
      kit: { ...kitSource, "index.ts": `export * from "../sdk/auth";\n${kitSource["index.ts"]}` },
    });
    expect(problemsOf(r)).toContainEqual(
      expect.objectContaining({ file: "@sandlot/kit/index.ts", line: 1, code: "bad_path" }),
    );
  });
});
