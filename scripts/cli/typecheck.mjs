// Type-checks a template's src/ for `sandlot template check` with the TypeScript API, against the
// real types of @sandlot/sdk and @sandlot/kit (their sources, as the builder bundles them), React's
// and the manifest's own (registerDts, as the studio editor does). esbuild strips types without
// checking them, so without this a wrong prop or a misspelt field only fails in the browser.
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./builder.mjs";

const ENV_FILE = "__sandlot-env.d.ts";

/**
 * @param {string} root  the template directory
 * @param {Record<string, string>} files  index.html and src/** as read from it
 * @param {string} registerDts  the .d.ts typing @sandlot/sdk from the manifest
 * @returns {Promise<Array<{ file: string, line: number, column: number, message: string }>>}
 */
export async function typecheckTemplate(root, files, registerDts) {
  const ts = (await import("typescript")).default;
  const sources = Object.keys(files).filter((p) => /\.(ts|tsx)$/.test(p) && !p.endsWith(".d.ts"));
  const types = (p) => join(ROOT, "node_modules", p);
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    isolatedModules: true,
    types: [],
    // Bare specifiers an app may import, resolved to the platform's copies wherever the template lives.
    paths: {
      "@sandlot/sdk": [join(ROOT, "sandbox/sdk/index.ts")],
      "@sandlot/kit": [join(ROOT, "sandbox/kit/index.ts")],
      react: [types("@types/react/index.d.ts")],
      "react/jsx-runtime": [types("@types/react/jsx-runtime.d.ts")],
      "react-dom/client": [types("@types/react-dom/client.d.ts")],
    },
  };
  const envPath = join(root, ENV_FILE);
  const envText = `${registerDts}\ndeclare module "*.css";\n`;
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const virtual = (f) => (f === envPath ? envText : undefined);
  host.readFile = (f) => virtual(f) ?? readFile(f);
  host.fileExists = (f) => f === envPath || existsSync(f);
  host.getSourceFile = (f, lang, onError) => {
    const text = virtual(f);
    return text !== undefined ? ts.createSourceFile(f, text, lang) : getSourceFile(f, lang, onError);
  };
  const program = ts.createProgram([...sources.map((p) => join(root, p)), envPath], options, host);
  const problems = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
    if (!d.file) {
      problems.push({ file: "src", line: 1, column: 1, message: `type error: ${message}` });
      continue;
    }
    const rel = relative(root, d.file.fileName).split("\\").join("/");
    // Only the template's own files: the SDK and kit are type-checked by the platform's own tsc.
    if (rel.startsWith("..")) continue;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    problems.push({ file: rel, line: line + 1, column: character + 1, message: `type error: ${message}` });
  }
  return problems;
}
