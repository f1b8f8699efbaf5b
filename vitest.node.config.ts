import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Node-side tests: the builder (esbuild-wasm in Node), the vendor script, the SDK's pure parts.
// platform/ and test/ run inside workerd under vitest.config.ts.
export default defineConfig({
  // sandbox/kit imports "@sandlot/sdk" the way apps do; the builder maps it to sandbox/sdk, so here too.
  resolve: {
    alias: [
      { find: /^@sandlot\/sdk$/, replacement: fileURLToPath(new URL("./sandbox/sdk/index.ts", import.meta.url)) },
    ],
  },
  test: {
    environment: "node",
    include: [
      "sandbox/**/*.test.ts",
      "scripts/**/*.test.ts",
      "test/layout/**/*.test.ts",
      "templates/**/*.node.test.ts",
      "test/cli/**/*.test.ts",
      "web/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
