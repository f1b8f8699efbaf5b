import { defineConfig } from "vitest/config";

// Node-side tests: the builder (esbuild-wasm in Node), the vendor script, the SDK's pure parts.
// platform/ and test/ run inside workerd under vitest.config.ts.
export default defineConfig({
  test: {
    environment: "node",
    include: ["sandbox/**/*.test.ts", "scripts/**/*.test.ts", "test/layout/**/*.test.ts", "templates/**/*.node.test.ts", "test/cli/**/*.test.ts", "web/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
