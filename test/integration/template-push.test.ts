import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM without types
import { scaffold } from "../../scripts/cli/scaffold.mjs";
import { grantPlan } from "../../templates/_kit/worker";
import { appOrigin, Client, json } from "../helpers/client";
import { createApp, publish, signedInCreator } from "./apps-helpers";

/**
 * Issue 19 item 8 and its acceptance: a template exactly as `sandlot template new` writes it
 * (scripts/cli/scaffold.mjs, collections filled in: an owner-scoped `recipes` and a Pro plan),
 * pushed into the running development platform (`POST /api/dev/templates`, what `sandlot
 * template push` sends), is at once a template an app can be created from, published and driven
 * over HTTP. `template check` on the same scaffold is test/cli/template-check.test.ts.
 */

const ID = "recipe-kit";

function pushBody(): { manifest: Record<string, unknown>; files: Record<string, string> } {
  const all = scaffold({
    id: ID,
    collections: [
      {
        name: "recipes",
        fields: [
          { name: "title", type: "text" },
          { name: "servings", type: "number" },
          { name: "vegetarian", type: "boolean" },
        ],
      },
    ],
    plan: { id: "pro", name: "Pro", amount: 500 },
  }) as Record<string, string>;
  const files = Object.fromEntries(Object.entries(all).filter(([p]) => p === "index.html" || p.startsWith("src/")));
  return { manifest: JSON.parse(all["template.json"]!), files };
}

describe("template push (development)", () => {
  it("a pushed template is listed, an app is created from it, published, and its contract holds", async () => {
    const creator = await signedInCreator("author");
    const pushed = await creator.post("/api/dev/templates", pushBody());
    expect(pushed.status, await pushed.clone().text()).toBe(201);
    expect(await json(pushed)).toMatchObject({ template: { id: ID, manifest: { id: ID } }, replaced: false });

    const listed = await json<{ templates: Array<{ id: string }> }>(await creator.get("/api/templates"));
    expect(listed.templates.map((t) => t.id)).toContain(ID);
    const files = await json<{ files: Record<string, string> }>(await creator.get(`/api/templates/${ID}/files`));
    expect(Object.keys(files.files)).toContain("src/pages/RecipesPage.tsx");

    const app = await createApp(creator, "pushed-recipes", ID);
    const published = await publish(creator, "pushed-recipes");
    expect(published.status, await published.clone().text()).toBe(201);
    const site = new Client(appOrigin("pushed-recipes"));
    const page = await site.get("/");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Recipe Kit</title>");

    // The contract the scaffold wrote, enforced by the server: owner-scoped, 10 free, more with Pro.
    const signUp = async (label: string): Promise<{ client: Client; userId: string }> => {
      const client = new Client(appOrigin("pushed-recipes"));
      const res = await client.post("/_api/auth/signup", {
        email: `${label}-${crypto.randomUUID().slice(0, 6)}@example.com`,
        password: "correct horse battery staple",
      });
      expect(res.status).toBe(201);
      return { client, userId: (await json<{ user: { id: string } }>(res)).user.id };
    };
    expect((await site.get("/_api/collections/recipes")).status).toBe(401);
    const ann = await signUp("ann");
    const ben = await signUp("ben");
    const made = await ann.client.post("/_api/collections/recipes", { title: "Soup", servings: 4, vegetarian: true });
    expect(made.status).toBe(201);
    const { item } = await json<{ item: { id: string } }>(made);
    expect((await ben.client.get(`/_api/collections/recipes/${item.id}`)).status).toBe(404);
    for (let i = 1; i < 10; i++)
      expect((await ann.client.post("/_api/collections/recipes", { title: `R${i}` })).status).toBe(201);
    const over = await ann.client.post("/_api/collections/recipes", { title: "eleventh" });
    expect(over.status).toBe(429);
    expect((await json<{ error: { code: string } }>(over)).error.code).toBe("quota_exceeded");
    expect((await grantPlan({ appId: app.id, userId: ann.userId, plan: "pro" })).status).toBe(200);
    expect((await ann.client.post("/_api/collections/recipes", { title: "eleventh" })).status).toBe(201);
    const checkout = await ben.client.post("/_api/billing/checkout", { plan: "pro" });
    expect(checkout.status).toBe(200);
    expect((await json<{ url: string }>(checkout)).url).toBeTruthy();
  });
});
