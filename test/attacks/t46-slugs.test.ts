import { describe, expect, it } from "vitest";
import { checkSlug, RESERVED_SLUGS } from "../../platform/apps/slug";
import { json } from "../helpers/client";
import { FIXTURE, signedInCreator, type ErrorBody } from "../integration/apps-helpers";

/** T46: slug takeover by reserved, confusable, punycode, malformed or taken names. */
describe("T46 slug rules", () => {
  it.each([
    ["www", "reserved"],
    ["api", "reserved"],
    ["studio", "reserved"],
    ["admin", "reserved"],
    ["billing", "reserved"],
    ["webhooks", "reserved"],
    ["sandlot", "reserved"],
    ["adm1n", "looks too much like"],
    ["st0dio", "looks too much like"],
    ["5tudio", "looks too much like"],
    ["a-p-i", "looks too much like"],
    ["admin-1", "looks too much like"],
    ["biiling", "looks too much like"],
    ["suppor7", "looks too much like"],
    ["sandl0t", "looks too much like"],
    ["dashb0ard", "looks too much like"],
    ["xn--80ak6aa92e", "punycode"],
    ["ab", "3–40"],
    ["a".repeat(41), "3–40"],
    ["My-App", "lowercase"],
    ["my_app", "lowercase"],
    ["my.app", "lowercase"],
    ["café", "lowercase"],
    ["-myapp", "start or end"],
    ["myapp-", "start or end"],
    ["my--app", "two hyphens"],
    [" myapp", "lowercase"],
  ])("refuses %j (%s)", (slug, why) => {
    const result = checkSlug(slug);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });

  it.each(["my-bakery", "studios", "helpdesk-pro", "app-for-cats", "bakery42", "abc"])("allows %j", (slug) => {
    expect(checkSlug(slug)).toEqual({ ok: true, slug });
  });

  it("every reserved name is itself refused", () => {
    for (const name of RESERVED_SLUGS) if (name.length >= 3) expect(checkSlug(name).ok, name).toBe(false);
  });

  it("through the API: reserved, confusable and punycode → 400 invalid_slug; taken → 409, even across creators", async () => {
    const alice = await signedInCreator("alice");
    for (const slug of ["admin", "adm1n", "xn--bcher-kva", "Upper"]) {
      const res = await alice.post("/api/apps", { slug, template: FIXTURE });
      expect(res.status, slug).toBe(400);
      expect((await json<ErrorBody>(res)).error.code).toBe("invalid_slug");
    }
    expect((await alice.post("/api/apps", { slug: "taken-name", template: FIXTURE })).status).toBe(201);
    const again = await alice.post("/api/apps", { slug: "taken-name", template: FIXTURE });
    expect(again.status).toBe(409);
    expect((await json<ErrorBody>(again)).error.code).toBe("slug_taken");
    const mallory = await signedInCreator("mallory");
    const takeover = await mallory.post("/api/apps", { slug: "taken-name", template: FIXTURE });
    expect(takeover.status).toBe(409);
    // The original owner still owns it.
    expect((await alice.get("/api/apps/taken-name")).status).toBe(200);
    expect((await mallory.get("/api/apps/taken-name")).status).toBe(404);
  });
});
