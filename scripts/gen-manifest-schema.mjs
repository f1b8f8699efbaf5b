// Writes templates/template.schema.json from the platform's manifest schema (zod → JSON Schema),
// so editors validate template.json files. templates/templates.node.test.ts fails when the
// committed file is out of date. Usage: node scripts/gen-manifest-schema.mjs
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createServer } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = fileURLToPath(new URL("../templates/template.schema.json", import.meta.url));

// The schema is TypeScript; let Vite's SSR loader transpile it (no build step, no new dependency).
const server = await createServer({
  root,
  logLevel: "error",
  server: { middlewareMode: true, hmr: false },
  appType: "custom",
  optimizeDeps: { noDiscovery: true },
});
try {
  const mod = await server.ssrLoadModule("/platform/manifest/json-schema.ts");
  await writeFile(out, mod.manifestJsonSchemaText());
  console.log("wrote templates/template.schema.json");
} finally {
  await server.close();
}
