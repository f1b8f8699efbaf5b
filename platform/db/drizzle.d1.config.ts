import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./platform/db/d1-schema.ts",
  out: "./platform/db/migrations/d1",
});
