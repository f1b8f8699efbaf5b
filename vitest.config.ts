import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { bundleBuilder } from "./scripts/bundle-builder.mjs";
import { fileURLToPath } from "node:url";
import { defineConfig, type ViteUserConfig } from "vitest/config";

/**
 * Tests that run inside real workerd: the Worker, D1, R2 and SQLite-backed Durable Objects.
 * Secrets here are test-only values; .dev.vars is never read by tests.
 */
export function workerdConfig(options: {
  include: string[];
  /**
   * `fast-for-tests`: new password hashes at a tiny argon2id cost (platform/auth/password.ts), so
   * the suite's sign-ups do not spend CI's time hashing; `production`: OWASP's cost, for benchmarks.
   */
  passwordHashCost: "fast-for-tests" | "production";
  testTimeout: number;
  hookTimeout: number;
  /** Global setups after the shared ones (the bench's RSS sampler). */
  extraGlobalSetup?: string[];
}): ViteUserConfig {
  return defineConfig({
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
            OAUTH_SECRETS_KEY: "test-oauth-secrets-key-0123456789abcdef",
            ...(options.passwordHashCost === "fast-for-tests" ? { PASSWORD_HASH_COST: "fast-for-tests" } : {}),
          },
        },
      })),
    ],
    test: {
      include: options.include,
      setupFiles: ["./test/setup/apply-migrations.ts"],
      // Local servers speaking Stripe's, Resend's, DoH's and Cloudflare's APIs (Node, 127.0.0.1, ephemeral ports);
      // tests get them via inject("stripeApi") and inject("mailApi").
      globalSetup: [
        // First: the generated modules the Worker imports (templates bundle, vendor files).
        "./test/setup/prepare.global-setup.ts",
        "./test/stripe-server/global-setup.ts",
        "./test/mail-server/global-setup.ts",
        "./test/ai-server/global-setup.ts",
        "./test/domains-server/global-setup.ts",
        "./test/oauth-server/global-setup.ts",
        ...(options.extraGlobalSetup ?? []),
      ],
      testTimeout: options.testTimeout,
      hookTimeout: options.hookTimeout,
    },
  });
}

export default workerdConfig({
  include: [
    "platform/**/*.test.ts",
    "test/integration/**/*.test.ts",
    "test/attacks/**/*.test.ts",
    "templates/**/*.worker.test.ts",
  ],
  passwordHashCost: "fast-for-tests",
  testTimeout: 60_000,
  hookTimeout: 60_000,
});
