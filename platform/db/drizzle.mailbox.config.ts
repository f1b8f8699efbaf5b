import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  driver: "durable-sqlite",
  schema: "./platform/db/mailbox-schema.ts",
  out: "./platform/db/migrations/mailbox",
});
