/**
 * A tiny template, SDK and vendor map for the builder's tests. Not a real template: just enough
 * to exercise locked files, blanks (TSX and CSS), the SDK and the React vendor.
 */
import { manifestSchema } from "../../platform/manifest/schema";
import { build, type BuildResult, type EsbuildApi } from "./index";
import type { TemplateSource } from "./types";
import type { VendorMap } from "../vendor/index";

export const HOME = "src/blanks/Home.tsx";
export const THEME = "src/blanks/theme.css";

export const fixtureTemplate: TemplateSource = {
  manifest: manifestSchema.parse({
    id: "fixture",
    name: "Fixture",
    blanks: [
      { path: HOME, title: "Home page", purpose: "What visitors see first." },
      { path: THEME, title: "Theme", purpose: "Colours and fonts." },
    ],
  }),
  files: {
    "index.html": [
      "<!doctype html>",
      '<html lang="en">',
      "  <head>",
      '    <meta charset="utf-8">',
      "    <title>Fixture</title>",
      "  </head>",
      "  <body>",
      '    <div id="root"></div>',
      '    <script type="module" src="/src/main.tsx"></script>',
      "  </body>",
      "</html>",
      "",
    ].join("\n"),
    "src/main.tsx": [
      'import { createRoot } from "react-dom/client";',
      'import { App } from "./App";',
      "",
      'createRoot(document.getElementById("root")!).render(<App />);',
      "",
    ].join("\n"),
    "src/App.tsx": [
      'import { useUser } from "@sandlot/sdk";',
      'import Home from "./blanks/Home";',
      'import "./blanks/theme.css";',
      "",
      "export function App() {",
      "  const user = useUser();",
      '  return <main data-user={user ? "in" : "out"}><Home /></main>;',
      "}",
      "",
    ].join("\n"),
    "src/components/Card.tsx": [
      'import type { ReactNode } from "react";',
      "export function Card(props: { children: ReactNode }) {",
      '  return <section className="card">{props.children}</section>;',
      "}",
      "",
    ].join("\n"),
    [HOME]: "export default function Home() {\n  return <h1>Hello</h1>;\n}\n",
    [THEME]: "body { font-family: system-ui; }\n",
  },
};

export const fixtureSdk: Record<string, string> = {
  "index.ts": 'export { useUser } from "./user";\n',
  "user.ts": [
    'import { useState } from "react";',
    "export function useUser(): { email: string } | null {",
    "  const [user] = useState<{ email: string } | null>(null);",
    "  return user;",
    "}",
    "",
  ].join("\n"),
};

/** A vendor map shaped like the real one (the builder only reads `imports`). */
export const fakeVendor: VendorMap = {
  imports: {
    react: "/_sandlot/vendor/react-AAAAAAAA.js",
    "react/jsx-runtime": "/_sandlot/vendor/react-jsx-runtime-BBBBBBBB.js",
    "react-dom/client": "/_sandlot/vendor/react-dom-client-CCCCCCCC.js",
  },
  files: [
    { path: "react-AAAAAAAA.js", contentType: "text/javascript; charset=utf-8" },
    { path: "react-jsx-runtime-BBBBBBBB.js", contentType: "text/javascript; charset=utf-8" },
    { path: "react-dom-client-CCCCCCCC.js", contentType: "text/javascript; charset=utf-8" },
  ],
};

/** Home.tsx made of the given lines (1-based line numbers are then easy to assert). */
export function homeOf(...lines: string[]): Record<string, string> {
  return { [HOME]: `${lines.join("\n")}\n` };
}

/** An app of the fixture template that builds: a blank using React state and a locked component. */
export const VALID_HOME = homeOf(
  'import { useState } from "react";',
  'import { Card } from "../components/Card";',
  "export default function Home() {",
  "  const [n, setN] = useState(0);",
  "  return <Card><button onClick={() => setN(n + 1)}>clicked {n}</button></Card>;",
  "}",
);

/** Builds `files` on the fixture template with the fake vendor map and the fixture SDK unless told otherwise. */
export function buildFixture(
  esbuild: EsbuildApi,
  files: Record<string, string>,
  extra: { maxBytes?: number; sdk?: boolean; vendor?: VendorMap } = {},
): Promise<BuildResult> {
  return build({
    template: fixtureTemplate,
    files,
    esbuild,
    vendor: extra.vendor ?? fakeVendor,
    ...(extra.sdk === false ? {} : { sdkSource: fixtureSdk }),
    ...(extra.maxBytes !== undefined ? { maxBytes: extra.maxBytes } : {}),
  });
}

export const problemsOf = (
  r: BuildResult,
): ReadonlyArray<{ file: string; line: number; message: string; code?: string }> => (r.ok ? [] : r.problems);

const decoder = new TextDecoder();
/** The built JavaScript of a successful build, every chunk joined (throws with the problems otherwise). */
export function jsOf(r: BuildResult): string {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.assets
    .filter((a) => a.path.endsWith(".js"))
    .map((a) => decoder.decode(a.body))
    .join("\n");
}
