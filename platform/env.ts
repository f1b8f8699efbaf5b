import type { BuilderService } from "./publish/build-request";

/**
 * The one Env: every binding, var and secret the Worker sees. Secrets come only from Worker
 * secrets (`.dev.vars` locally); `.dev.vars.example` documents each one.
 */
export interface Env {
  // Bindings
  DB: D1Database;
  BUCKET: R2Bucket;
  /** One AppObject per app. Typed where stubs are obtained (worker/stubs.ts): nothing imports the class for a type. */
  APP: DurableObjectNamespace;
  /** The one StudioMailbox (creators' mail). Typed where stubs are obtained, like APP. */
  MAILBOX: DurableObjectNamespace;
  ASSETS: Fetcher;
  /** The builder Worker (platform/builder/, wrangler.builder.toml), by service binding. */
  BUILDER: BuilderService;
  /** Workers Rate Limiting (wrangler.toml [[ratelimits]]): auth routes, per client and target (T49). */
  AUTH_LIMITER?: RateLimit;
  /** Workers Rate Limiting: publishes per creator. */
  PUBLISH_LIMITER?: RateLimit;

  // Vars
  /**
   * `development` or `test` turn on dev-only features; ANY other value (or none) is production.
   * Read only through platform/environment.ts, never compared here and there (T51).
   */
  ENVIRONMENT?: string;
  /** Host (with port in dev) of the studio origin, e.g. `localhost:8787`. */
  STUDIO_HOST: string;
  /** Parent domain of app origins: an app lives at `<slug>.<APPS_DOMAIN>`. */
  APPS_DOMAIN: string;

  // Secrets (optional unless noted; see .dev.vars.example)
  /** Signs webhook deliveries; required to accept any webhook. */
  STRIPE_WEBHOOK_SECRET?: string;
  /** Without it the dev payment provider is used (never in production). */
  STRIPE_SECRET_KEY?: string;
  /** Points the Stripe SDK at a Stripe-speaking server (tests); unset = api.stripe.com defaults. */
  STRIPE_API_HOST?: string;
  STRIPE_API_PORT?: string;
  STRIPE_API_PROTOCOL?: "http" | "https";
  /** Platform fee on Connect charges, in percent (e.g. "5"). */
  STRIPE_PLATFORM_FEE_PERCENT?: string;
  /**
   * `fast-for-tests` shrinks argon2id's cost for new password hashes; honoured only in development
   * and test (auth/password.ts). The workerd test suite sets it; nothing else should.
   */
  PASSWORD_HASH_COST?: string;
  /** Keys the HMAC that makes pagination cursors tamper-proof. Required. */
  CURSOR_SECRET?: string;

  // Mail (docs/mail.md)
  /**
   * `outbox` (development default: mail kept for the studio), `cloudflare` or `resend`. Production needs one of the
   * last two.
   */
  MAIL_PROVIDER?: string;
  /** The domain mail is sent from: apps as `<slug>@`, the studio as `no-reply@`. Verified with the provider. */
  MAIL_FROM_DOMAIN?: string;
  /** Cloudflare Email Service (wrangler.toml `[[send_email]]`), for MAIL_PROVIDER=cloudflare. */
  EMAIL?: SendEmail;
  /** Resend API key, for MAIL_PROVIDER=resend. */
  RESEND_API_KEY?: string;
  /** Points the Resend provider at a Resend-speaking server (tests); unset = api.resend.com. */
  RESEND_API_URL?: string;

  // Custom domains (docs/domains.md)
  /** DNS-over-HTTPS resolver (JSON API) for TXT proofs; unset = Cloudflare's public resolver. */
  DOMAINS_DOH_URL?: string;
  /** Shown to creators: where their domain's CNAME must point (the Cloudflare for SaaS fallback origin). */
  DOMAINS_CNAME_TARGET?: string;
  /**
   * Secret. A Cloudflare API token with SSL and Certificates edit on the zone; with CF_ZONE_ID,
   * domains are registered.
   */
  CF_API_TOKEN?: string;
  /** The zone Cloudflare for SaaS is enabled on. */
  CF_ZONE_ID?: string;
  /** Points the custom hostnames client at a server that speaks Cloudflare's API (tests); unset = Cloudflare's. */
  CF_API_BASE_URL?: string;

  // AI assistant (docs/ai.md). The key never leaves the Worker: no response, stream or stored message carries it.
  /** `openai-compatible`, `anthropic` or `workers-ai`; unset = the assistant is off and the studio says so. */
  AI_PROVIDER?: string;
  /** Base URL of an OpenAI-compatible API (e.g. `http://127.0.0.1:11434/v1` for Ollama) or of Anthropic's. */
  AI_BASE_URL?: string;
  /** Secret. The provider's API key (not needed for local servers or Workers AI). */
  AI_API_KEY?: string;
  /** The model id, e.g. `qwen2.5-coder:7b`, `claude-sonnet-4-5`, `@cf/qwen/qwen2.5-coder-32b-instruct`. */
  AI_MODEL?: string;
  /** Workers AI binding (wrangler.toml `[ai]`), for AI_PROVIDER=workers-ai. */
  AI?: Ai;
  /** Monthly token allowances per creator plan; unset = billing/creator-plans.ts. */
  AI_TOKENS_FREE?: string;
  AI_TOKENS_PRO?: string;
  /** Turns one creator may start per minute (default 10). */
  AI_TURNS_PER_MINUTE?: string;

  // Sign in with Google and GitHub (docs/oauth.md)
  /** Secret. Seals creators' OAuth client secrets at rest (AES-GCM); without it providers cannot be enabled. */
  OAUTH_SECRETS_KEY?: string;
  /** A local server speaking the providers' protocols (tests, `npm start`); honoured only in development and test. */
  OAUTH_DEV_PROVIDER_URL?: string;
}
