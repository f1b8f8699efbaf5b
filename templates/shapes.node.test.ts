/**
 * The five rule shapes in docs/templates.md ("Five shapes") are real manifests: each JSON block
 * passes the platform's manifest schema, conditions and cross-checks included, so the docs
 * cannot drift from the grammar.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { manifestSchema } from "../platform/manifest/schema";

const doc = readFileSync(fileURLToPath(new URL("../docs/templates.md", import.meta.url)), "utf8");
const section = doc.slice(doc.indexOf("#### Five shapes"), doc.indexOf("### Plans and grants"));
const blocks = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] as string);

it("the section holds five shapes", () => {
  expect(blocks).toHaveLength(5);
});

it.each(blocks.map((b) => [b.slice(1, b.indexOf('"', 1)), b] as const))(
  "%s passes the manifest schema",
  (_name, block) => {
    const manifest = {
      id: "shape-test",
      name: "Shape",
      blanks: [{ path: "src/blanks/Home.tsx", title: "Home", purpose: "The first screen." }],
      collections: JSON.parse(`{${block}}`),
      plans: ["pro", "member"].map((id) => ({
        id,
        name: id,
        price: { amount: 500, currency: "usd", interval: "month" },
      })),
    };
    const parsed = manifestSchema.safeParse(manifest);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([]);
  },
);
