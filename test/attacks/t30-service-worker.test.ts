import { describe, expect, it } from "vitest";
import { appOrigin, Client } from "../helpers/client";
import { createApp, publish, signedInCreator } from "../integration/apps-helpers";

/** T30: a service worker could outlive a republish and intercept the app's own API. */
describe("T30 service workers", () => {
  it("refuses any request made to register a service worker, on every path, with the app headers", async () => {
    const c = await signedInCreator();
    await createApp(c, "sw-target");
    expect((await publish(c, "sw-target")).status).toBe(201);
    const site = new Client(appOrigin("sw-target"));
    const html = await (await site.get("/")).text();
    const script = /src="(\/assets\/app-[^"]+\.js)"/.exec(html)![1]!;
    expect((await site.get(script)).status).toBe(200);
    for (const path of [script, "/", "/sw.js", "/_api/auth/me", "/_sandlot/vendor/anything.js"]) {
      const res = await site.get(path, { headers: { "service-worker": "script" } });
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain("createRoot");
      expect(res.headers.get("content-security-policy")).toContain("worker-src 'none'");
    }
  });
});
