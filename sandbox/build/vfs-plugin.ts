/**
 * The esbuild plugin that owns resolution (T44, T45). It answers every onResolve and onLoad from
 * in-memory maps, so esbuild never touches a real disk or the network: relative imports resolve
 * inside the app's VFS, vendored bare imports become external URLs, the locked packages
 * (@sandlot/sdk, @sandlot/kit) resolve into their own virtual files, and everything else is
 * refused with the importer's file and line.
 *
 * A locked package is platform code: its files never come from the app, and only the specifiers in
 * its `exports` reach it, so no app file can stand in for one of its modules (I9).
 */
import type { Loader, OnResolveArgs, OnResolveResult, Plugin } from "esbuild-wasm";
import type { ProblemCode } from "./types";
import type { VendorMap } from "../vendor/index";
import { dirname, joinRelative } from "./paths";

export const APP_NAMESPACE = "sandlot";
export const SDK_NAMESPACE = "sandlot-sdk";
export const SDK_SPECIFIER = "@sandlot/sdk";
export const KIT_NAMESPACE = "sandlot-kit";
export const KIT_SPECIFIER = "@sandlot/kit";

/** Each locked package: its esbuild namespace and import specifier → file (probed like "./x"). */
export const LOCKED_PACKAGES: Readonly<
  Record<string, { specifier: string; exports: Readonly<Record<string, string>> }>
> = {
  [SDK_NAMESPACE]: { specifier: SDK_SPECIFIER, exports: { [SDK_SPECIFIER]: "index" } },
  [KIT_NAMESPACE]: {
    specifier: KIT_SPECIFIER,
    exports: { [KIT_SPECIFIER]: "index", [`${KIT_SPECIFIER}/base.css`]: "base.css" },
  },
};

/** "sandlot-kit:AuthScreen.tsx" → "@sandlot/kit/AuthScreen.tsx"; app files lose their namespace. */
export function displayPath(locationFile: string): string {
  const colon = locationFile.indexOf(":");
  const ns = colon < 0 ? "" : locationFile.slice(0, colon);
  const rest = locationFile.slice(colon + 1);
  if (ns === APP_NAMESPACE) return rest;
  const pkg = Object.hasOwn(LOCKED_PACKAGES, ns) ? LOCKED_PACKAGES[ns] : undefined;
  return pkg ? `${pkg.specifier}/${rest}` : locationFile;
}

const LOADERS: Record<string, Loader> = {
  ".tsx": "tsx",
  ".ts": "ts",
  ".jsx": "jsx",
  ".js": "js",
  ".mjs": "js",
  ".css": "css",
  ".json": "json",
};
const PROBE_SUFFIXES = [
  ".tsx",
  ".ts",
  ".jsx",
  ".js",
  ".css",
  ".json",
  "/index.tsx",
  "/index.ts",
  "/index.jsx",
  "/index.js",
];

export function loaderFor(path: string): Loader | undefined {
  const dot = path.lastIndexOf(".");
  if (dot < 0 || dot < path.lastIndexOf("/")) return undefined;
  return LOADERS[path.slice(dot).toLowerCase()];
}

export interface VfsPluginOptions {
  /** The app's complete virtual tree: "index.html", "src/**". */
  app: ReadonlyMap<string, string>;
  /** The SDK's virtual files keyed relative to its root ("index.ts", …); entry is index.ts(x). */
  sdk: ReadonlyMap<string, string> | undefined;
  /** The kit's virtual files keyed relative to sandbox/kit ("index.ts", "base.css", …). */
  kit: ReadonlyMap<string, string> | undefined;
  /** Bare specifiers the template allows (BASE_IMPORTS ∪ manifest.imports). */
  allowed: ReadonlySet<string>;
  vendor: VendorMap;
  /** Filled in: the vendor URLs the bundle actually imports (for modulepreload). */
  usedVendorUrls: Set<string>;
}

function refuse(code: ProblemCode, text: string): OnResolveResult {
  return { errors: [{ text, detail: { code } }] };
}

function probe(files: ReadonlyMap<string, string>, base: string): string | undefined {
  if (files.has(base) && loaderFor(base)) return base;
  for (const s of PROBE_SUFFIXES) {
    const p = base + s;
    if (files.has(p)) return p;
  }
  return undefined;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

export function vfsPlugin(opts: VfsPluginOptions): Plugin {
  const allowedList = [...opts.allowed].sort().join(", ");
  // Relative imports stay inside the importer's own tree: the app's, the SDK's or the kit's.
  const filesOf = (namespace: string): ReadonlyMap<string, string> | undefined =>
    namespace === APP_NAMESPACE
      ? opts.app
      : namespace === SDK_NAMESPACE
        ? opts.sdk
        : namespace === KIT_NAMESPACE
          ? opts.kit
          : undefined;

  const resolveBare = (spec: string): OnResolveResult => {
    if (!opts.allowed.has(spec)) {
      return refuse("import_not_allowed", `import "${spec}" is not allowed: this template only allows ${allowedList}`);
    }
    const url = Object.hasOwn(opts.vendor.imports, spec) ? opts.vendor.imports[spec] : undefined;
    if (url !== undefined) {
      opts.usedVendorUrls.add(url);
      return { path: url, external: true };
    }
    for (const [namespace, pkg] of Object.entries(LOCKED_PACKAGES)) {
      const target = Object.hasOwn(pkg.exports, spec) ? pkg.exports[spec] : undefined;
      if (target === undefined) continue;
      const files = filesOf(namespace);
      if (!files)
        return refuse(
          "missing_file",
          `${pkg.specifier} is not available to this build (no source for it was provided)`,
        );
      const entry = probe(files, target);
      if (!entry) return refuse("missing_file", `${spec} is missing from ${pkg.specifier}`);
      return { path: entry, namespace };
    }
    return refuse(
      "missing_file",
      `import "${spec}" is allowed by the template but the builder has no copy of it (it is not vendored)`,
    );
  };

  const resolve = (args: OnResolveArgs): OnResolveResult => {
    const spec = args.path;
    const inApp = args.namespace === APP_NAMESPACE;
    const files = filesOf(args.namespace);

    if (args.kind === "entry-point") {
      if (!opts.app.has(spec)) return refuse("missing_file", `the template's entry point ${spec} is missing`);
      return { path: spec, namespace: APP_NAMESPACE };
    }
    if (!inApp && !Object.hasOwn(LOCKED_PACKAGES, args.namespace)) {
      return refuse("bad_path", `import "${spec}" comes from outside the app's files`);
    }
    if (spec.includes("\0")) return refuse("bad_path", "import path contains a NUL byte");
    if (spec.includes("\\")) return refuse("bad_path", `import "${spec}" contains a backslash; use /`);

    const scheme = SCHEME.exec(spec)?.[1]?.toLowerCase();
    if (scheme !== undefined) {
      if (scheme === "data" && (args.kind === "url-token" || args.kind === "import-rule")) {
        return { path: spec, external: true }; // inline CSS data (images, fonts) is part of the bundle already
      }
      const why =
        scheme === "http" || scheme === "https"
          ? "URL imports are not allowed; everything an app uses must be in its files or the template's allowlist"
          : scheme === "node"
            ? "node: modules do not exist in the browser"
            : `${scheme}: imports are not allowed`;
      return refuse("import_not_allowed", `import "${spec}": ${why}`);
    }
    if (spec.startsWith("/"))
      return refuse("bad_path", `import "${spec}" is an absolute path; use a relative path like ./Card`);

    const cssRelative = (args.kind === "url-token" || args.kind === "import-rule") && !spec.startsWith(".");
    const relative = spec === "." || spec === ".." || spec.startsWith("./") || spec.startsWith("../") || cssRelative;
    if (!relative) {
      if (args.kind === "url-token" || args.kind === "import-rule") {
        return refuse("missing_file", `cannot find "${spec}"`);
      }
      return resolveBare(spec);
    }
    if (!files) return refuse("missing_file", `cannot find "${spec}"`);
    const joined = joinRelative(dirname(args.importer), cssRelative ? `./${spec}` : spec);
    if (!joined.ok) return refuse("bad_path", `import "${spec}": ${joined.reason}`);
    if (inApp && !joined.path.startsWith("src/")) {
      return refuse("bad_path", `import "${spec}" leaves the app's src/ folder`);
    }
    const found = probe(files, joined.path);
    if (!found)
      return refuse(
        "missing_file",
        `cannot find "${spec}" (looked for ${joined.path} with .tsx, .ts, .jsx, .js, .css, .json)`,
      );
    return { path: found, namespace: args.namespace };
  };

  return {
    name: "sandlot-vfs",
    setup(b) {
      b.onResolve({ filter: /.*/ }, resolve);
      b.onLoad({ filter: /.*/ }, (args) => {
        const contents = filesOf(args.namespace)?.get(args.path);
        const loader = loaderFor(args.path);
        if (contents === undefined || !loader) {
          return { errors: [{ text: `cannot load ${args.path}`, detail: { code: "missing_file" } }] };
        }
        return { contents, loader };
      });
    },
  };
}
