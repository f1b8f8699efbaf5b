import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Each test file gets isolated storage; D1 starts empty, so migrate it the way `npm start` does.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
