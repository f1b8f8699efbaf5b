import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { bundleBuilder } from "./scripts/bundle-builder.mjs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Tests that run inside real workerd: the Worker, D1, R2 and SQLite-backed Durable Objects.
 * Secrets here are test-only values; .dev.vars is never read by tests.
 */
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      main: "./platform/index.ts",
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        // The builder Worker (wrangler.builder.toml), bundled here because auxiliary Workers run as
        // built modules: the platform's BUILDER binding reaches the real builder on esbuild-wasm.
        workers: [await bundleBuilder()],
        bindings: {
          ENVIRONMENT: "test",
          TEST_MIGRATIONS: await readD1Migrations(
            fileURLToPath(new URL("./platform/db/migrations/d1", import.meta.url)),
          ),
          STRIPE_WEBHOOK_SECRET: "whsec_test_only_not_a_real_secret",
          CURSOR_SECRET: "test-cursor-secret-0123456789abcdef",
        },
      },
    })),
  ],
  test: {
    include: [
      "platform/**/*.test.ts",
      "test/integration/**/*.test.ts",
      "test/attacks/**/*.test.ts",
      "templates/**/*.worker.test.ts",
    ],
    setupFiles: ["./test/setup/apply-migrations.ts"],
    // Local servers speaking Stripe's and Resend's APIs (Node, 127.0.0.1, ephemeral ports);
    // tests get them via inject("stripeApi") and inject("mailApi").
    globalSetup: [
      "./test/stripe-server/global-setup.ts",
      "./test/mail-server/global-setup.ts",
      "./test/ai-server/global-setup.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
