import { describe, expect, it } from "vitest";
import { appOrigin, Client, json, STUDIO_ORIGIN } from "../helpers/client";
import { createApp, HOME, homeSaying, publish, putFiles, signedInCreator } from "./apps-helpers";

/** Every header issue 5 item 4 requires on every app response, asserted one by one. */
function expectAppHeaders(res: Response, where: string): void {
  const csp = res.headers.get("content-security-policy") ?? "";
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d] as const),
  );
  expect(directives.get("default-src"), where).toBe("default-src 'none'");
  expect(directives.get("script-src"), where).toBe("script-src 'self'");
  expect(directives.get("connect-src"), where).toBe("connect-src 'self'");
  expect(directives.get("worker-src"), where).toBe("worker-src 'none'");
  expect(directives.get("frame-ancestors"), where).toBe("frame-ancestors 'none'");
  expect(directives.get("form-action"), where).toBe("form-action 'self'");
  expect(directives.get("base-uri"), where).toBe("base-uri 'none'");
  expect(directives.get("object-src"), where).toBe("object-src 'none'");
  expect(res.headers.get("x-content-type-options"), where).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), where).toBe("strict-origin-when-cross-origin");
  expect(res.headers.get("cross-origin-opener-policy"), where).toBe("same-origin");
  expect(res.headers.get("cross-origin-resource-policy"), where).toBe("same-origin");
  const permissions = res.headers.get("permissions-policy") ?? "";
  for (const feature of ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"])
    expect(permissions, where).toContain(feature);
  for (const [name] of res.headers) expect(name.startsWith("access-control-"), `${where}: ${name}`).toBe(false);
}

const scriptOf = (html: string): string => /src="(\/assets\/app-[^"]+\.js)"/.exec(html)?.[1] ?? "";
const vendorUrls = (html: string): string[] =>
  [...html.matchAll(/href="(\/_sandlot\/vendor\/[^"]+)"/g)].map((m) => m[1]!).sort();

describe("publishing and serving", () => {
  it("a valid blank publishes, and every app response carries every header", async () => {
    const c = await signedInCreator();
    await createApp(c, "served-app");
    expect((await putFiles(c, "served-app", { [HOME]: homeSaying("Fresh bread daily") })).status).toBe(200);
    const res = await publish(c, "served-app");
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ version: 1, url: "http://served-app.localhost:8787/" });

    const site = new Client(appOrigin("served-app"));
    const page = await site.get("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expectAppHeaders(page, "index.html");
    // Client-side routes get the same page.
    expect(await (await site.get("/menu/today")).text()).toBe(html);

    const asset = await site.get(scriptOf(html));
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect(await asset.text()).toContain("Fresh bread daily");
    expectAppHeaders(asset, "asset");

    const vendor = await site.get(vendorUrls(html)[0]!);
    expect(vendor.status).toBe(200);
    expect(vendor.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expectAppHeaders(vendor, "vendor");

    expectAppHeaders(await site.get("/assets/app-NOPE0000.js"), "missing asset");
    expectAppHeaders(await site.get("/_api/auth/me"), "/_api");
    expectAppHeaders(await new Client(appOrigin("never-created")).get("/"), "unknown app 404 page");
  });

  it("an unpublished app and an unknown slug get a friendly 404 page", async () => {
    const c = await signedInCreator();
    await createApp(c, "not-yet");
    for (const slug of ["not-yet", "nobody-here"]) {
      const res = await new Client(appOrigin(slug)).get("/");
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await res.text()).toMatch(/<h1>/);
    }
  });

  it("React is one shared vendor file: two apps reference the same URL and neither bundle contains React", async () => {
    const c = await signedInCreator();
    const pages: string[] = [];
    for (const slug of ["shared-one", "shared-two"]) {
      await createApp(c, slug);
      await putFiles(c, slug, { [HOME]: homeSaying(`I am ${slug}`) });
      expect((await publish(c, slug)).status).toBe(201);
      pages.push(await (await new Client(appOrigin(slug)).get("/")).text());
    }
    const [one, two] = pages as [string, string];
    expect(vendorUrls(one).length).toBeGreaterThan(0);
    expect(vendorUrls(one)).toEqual(vendorUrls(two));
    expect(vendorUrls(one).some((u) => /\/react-dom-client-[A-Z0-9]+\.js$/.test(u))).toBe(true);
    for (const [slug, html] of [
      ["shared-one", one],
      ["shared-two", two],
    ] as const) {
      const js = await (await new Client(appOrigin(slug)).get(scriptOf(html))).text();
      // Strings only React's own code contains.
      expect(js).not.toContain("react.transitional.element");
      expect(js).not.toContain("__REACT_DEVTOOLS_GLOBAL_HOOK__");
      expect(js).toContain("/_sandlot/vendor/");
      expect(js.length).toBeLessThan(64 * 1024);
    }
    const url = vendorUrls(one).find((u) => u.includes("react-dom-client"))!;
    const a = await (await new Client(appOrigin("shared-one")).get(url)).arrayBuffer();
    const b = await (await new Client(appOrigin("shared-two")).get(url)).arrayBuffer();
    expect(a.byteLength).toBeGreaterThan(100_000);
    expect(new Uint8Array(a)).toEqual(new Uint8Array(b));
  });

  it("the studio origin serves the vendor files with a CORS grant for the sandboxed preview; app origins never do", async () => {
    const c = await signedInCreator();
    await createApp(c, "cors-app");
    expect((await publish(c, "cors-app")).status).toBe(201);
    const url = vendorUrls(await (await new Client(appOrigin("cors-app")).get("/")).text())[0]!;
    const studio = await new Client(STUDIO_ORIGIN).get(url, { headers: { origin: "null" } });
    expect(studio.status).toBe(200);
    expect(studio.headers.get("access-control-allow-origin")).toBe("*");
    const app = await new Client(appOrigin("cors-app")).get(url, { headers: { origin: "null" } });
    expect(app.headers.get("access-control-allow-origin")).toBeNull();
    expect((await new Client(STUDIO_ORIGIN).get("/_sandlot/vendor/not-a-file.js")).status).toBe(404);
  });

  it("rollback serves the previous version byte for byte, and versions say which is current", async () => {
    const c = await signedInCreator();
    await createApp(c, "rollback-app");
    const site = new Client(appOrigin("rollback-app"));
    const snapshot = async (): Promise<{ html: string; js: Uint8Array }> => {
      const html = await (await site.get("/")).text();
      return { html, js: new Uint8Array(await (await site.get(scriptOf(html))).arrayBuffer()) };
    };
    await putFiles(c, "rollback-app", { [HOME]: homeSaying("Version one") });
    expect((await publish(c, "rollback-app")).status).toBe(201);
    const v1 = await snapshot();
    await putFiles(c, "rollback-app", { [HOME]: homeSaying("Version two") });
    expect(await json(await publish(c, "rollback-app"))).toMatchObject({ version: 2 });
    const v2 = await snapshot();
    expect(v2.html).not.toBe(v1.html);

    const versions = await json<{ versions: Array<{ version: number; current: boolean; createdAt: number }> }>(
      await c.get("/api/apps/rollback-app/versions"),
    );
    expect(versions.versions.map((v) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);

    const back = await c.post("/api/apps/rollback-app/rollback", { version: 1 });
    expect(back.status).toBe(200);
    expect(await json(back)).toMatchObject({ version: 1 });
    const again = await snapshot();
    expect(again.html).toBe(v1.html);
    expect(again.js).toEqual(v1.js);
    const after = await json<{ versions: Array<{ version: number; current: boolean }> }>(
      await c.get("/api/apps/rollback-app/versions"),
    );
    expect(after.versions.find((v) => v.current)?.version).toBe(1);

    expect((await c.post("/api/apps/rollback-app/rollback", { version: 7 })).status).toBe(404);
    expect((await c.post("/api/apps/rollback-app/rollback", { version: "1" })).status).toBe(400);
    // A new publish after a rollback gets a new number, never reuses one.
    expect(await json(await publish(c, "rollback-app"))).toMatchObject({ version: 3 });
  });
});
