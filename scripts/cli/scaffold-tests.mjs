// The tests and README of a scaffolded template: its node test (run by \`template check\`), its
// workerd contract test (for templates inside templates/) and the contract table.
import { money } from "./scaffold-names.mjs";

export const NODE_TEST = `// The template's own checks, run by \`sandlot template check\` (package.json "test"). Node only:
// contract tests on the real backend are test/*.worker.test.ts, run by the platform's workerd suite.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";

const manifest = JSON.parse(readFileSync(new URL("../template.json", import.meta.url), "utf8"));
const read = (path) => readFileSync(new URL(\`../\${path}\`, import.meta.url), "utf8");

test("every blank exists; script blanks default-export a component, CSS blanks set custom properties", () => {
  for (const blank of manifest.blanks) {
    assert.ok(existsSync(new URL(\`../\${blank.path}\`, import.meta.url)), \`\${blank.path} is missing\`);
    const source = read(blank.path);
    if (blank.path.endsWith(".css")) assert.match(source, /--[a-z][a-z0-9-]*\\s*:/, \`\${blank.path} sets no custom property\`);
    else assert.match(source, /export default/, \`\${blank.path} has no default export\`);
  }
});

test("the prices shown in the pricing blank are the ones the server charges", () => {
  for (const plan of manifest.plans) {
    const pricing = manifest.blanks.find((b) => /pricing/i.test(b.path));
    if (!pricing) continue;
    const dollars = plan.price.amount % 100 === 0 ? String(plan.price.amount / 100) : (plan.price.amount / 100).toFixed(2);
    assert.match(read(pricing.path), new RegExp(\`\\\\$\${dollars.replace(".", "\\\\.")}\\\\b\`), \`\${pricing.path} does not show $\${dollars}\`);
  }
});
`;

export const WORKER_TEST = (opts) => {
  const c = opts.collections[0];
  const body = Object.fromEntries(
    c.fields
      .slice(0, 1)
      .map((f) => [
        f.name,
        f.type === "number"
          ? 1
          : f.type === "boolean"
            ? true
            : f.type === "datetime"
              ? "2026-01-01T00:00:00Z"
              : f.type === "select"
                ? f.options[0]
                : "first",
      ]),
  );
  return `/**
 * ${opts.name} on the real backend (workerd): ${c.name} are private to their owner (T11, T12);
 * a free user's ${opts.freeLimit + 1}th item is refused${opts.plan ? `, a ${opts.plan.name} user's is not` : ""}.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Client, appOrigin } from "../../../test/helpers/client";
import { seedApp } from "../../../test/helpers/seed";
import { ${opts.plan ? "grantPlan, " : ""}signedUpUser } from "../../_kit/worker";

const origin = appOrigin("tpl-${opts.id}");
let appId: string;
beforeAll(async () => {
  ({ appId } = await seedApp({ slug: "tpl-${opts.id}", templateId: "${opts.id}" }));
});

const add = (c: Client) => c.post("/_api/collections/${c.name}", ${JSON.stringify(body)});

describe("${opts.id}", () => {
  it("signed-out visitors can neither list nor add", async () => {
    expect((await new Client(origin).get("/_api/collections/${c.name}")).status).toBe(401);
    expect((await add(new Client(origin))).status).toBe(401);
  });

  it("another user's item is 404 and never listed", async () => {
    const a = await signedUpUser(origin, "ann");
    const b = await signedUpUser(origin, "ben");
    const made = (await (await add(a.client)).json()) as { item: { id: string } };
    expect((await b.client.get(\`/_api/collections/${c.name}/\${made.item.id}\`)).status).toBe(404);
    expect(await (await b.client.get("/_api/collections/${c.name}")).text()).not.toContain(made.item.id);
    expect(appId).toBeTruthy();
  });

  it("a free user is held to ${opts.freeLimit}${opts.plan ? `, a ${opts.plan.name} user is not` : ""}", async () => {
    const free = await signedUpUser(origin, "free");
    for (let i = 0; i < ${opts.freeLimit}; i++) expect((await add(free.client)).status).toBe(201);
    const over = await add(free.client);
    expect(over.status).toBe(429);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe("quota_exceeded");${
      opts.plan
        ? `
    const pro = await signedUpUser(origin, "pro");
    expect((await grantPlan({ appId, userId: pro.userId, plan: "${opts.plan.id}" })).status).toBe(200);
    for (let i = 0; i < ${opts.freeLimit + 1}; i++) expect((await add(pro.client)).status).toBe(201);`
        : ""
    }
  });
});
`;
};

export const README = (opts, manifest) => `# ${opts.name}

A Sandlot template made with \`sandlot template new\`. \`template.json\` is the backend contract the
server enforces; \`src/\` is the frontend: \`src/blanks/*\` are the files creators fill, everything
else is locked. Shared UI (sign-in, account, pricing frame) comes from \`@sandlot/kit\`.

| collection | fields | rules | limits |
|---|---|---|---|
${opts.collections
  .map(
    (c) =>
      `| \`${c.name}\` | ${c.fields.map((f) => `${f.name} (${f.type})`).join(", ")} | owner only (create: signed in) | ${opts.freeLimit} per user${opts.plan ? `, ${opts.planLimit} with ${opts.plan.id}` : ""} |`,
  )
  .join("\n")}

Plans: ${manifest.plans.map((p) => `\`${p.id}\` ${money({ amount: p.price.amount })}`).join(", ") || "none"}.
Blanks: ${manifest.blanks.map((b) => `\`${b.path}\``).join(", ")}.

Check it with \`npx sandlot template check <dir>\`; try it in a running local platform with
\`npx sandlot template push <dir>\`, then create an app from it in the studio.
`;

/**
 * @param {{ id: string, collections: Array<{name: string, fields: Array<{name: string, type: string}>}>,
 *   plan: { id: string, name: string, amount: number } | null, workerTest?: boolean, schemaRef?: string }} input
 * @returns {Record<string, string>}
 */
