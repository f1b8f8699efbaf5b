import { describe, expect, it } from "vitest";
import { CREATOR_COOKIE } from "../../platform/worker/studio/context";
import { appOrigin, Client, json } from "../helpers/client";
import {
  createApp,
  type ErrorBody,
  homeSaying,
  putFiles,
  publish,
  signedInCreator,
  HOME,
} from "../integration/apps-helpers";

/**
 * T09: a frontend running on an app's origin looks for a way to the database, the bucket, a key-value
 * store or an admin surface. The app origin answers only its contract (`/_api/*`), `/_sandlot/*` and
 * the published files; anything else is the app's own page or a JSON 404, never platform data.
 */
describe("T09 no internal endpoint is reachable from an app origin", () => {
  // Guesses a generated frontend (or someone reading the bundle) would try.
  const apiGuesses = [
    "/_api/sql",
    "/_api/query?q=select%20*%20from%20users",
    "/_api/d1",
    "/_api/db/users",
    "/_api/admin",
    "/_api/admin/users",
    "/_api/r2/apps",
    "/_api/kv/sessions",
    "/_api/users",
    "/_api/sessions",
    "/_api/subscriptions",
    "/_api/collections/sqlite_master",
    "/_api/collections/users",
    "/_api/collections/sessions",
    "/_api/collections/subscriptions",
    "/_api/collections/_cf_KV",
    "/_api/collections/..%2Fusers",
    "/_api/debug",
    "/_api/env",
    "/_api/dev/outbox",
  ];

  it.each(apiGuesses)("GET %s → a JSON 404 (or 401) and no rows", async (path) => {
    const { client } = await publishedApp();
    const res = await client.get(path);
    expect([401, 404], path).toContain(res.status);
    const body = await json<ErrorBody>(res);
    expect(typeof body.error.code).toBe("string");
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|password_hash|secret|sqlite/i);
  });

  it.each(["POST", "PUT", "PATCH", "DELETE"])(
    "%s on the raw-data guesses changes nothing and answers 4xx",
    async (method) => {
      const { client } = await publishedApp();
      for (const path of ["/_api/sql", "/_api/admin/users", "/_api/collections/sqlite_master", "/_api/users"]) {
        const res = await client.fetch(path, { method, json: { sql: "drop table documents" } });
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }
    },
  );

  it("the studio's API and the platform's dev surfaces are not on the app origin, even with a studio session", async () => {
    const { client, creator } = await publishedApp();
    // The creator's own studio session cookie, carried to the app origin by a hostile page.
    const studioSession = creator.cookie(CREATOR_COOKIE);
    expect(studioSession, "the studio session cookie").toBeTruthy();
    for (const path of ["/api/auth/me", "/api/apps", "/api/dev/templates", "/api/dev/outbox"]) {
      const res = await client.fetch(path, { headers: { cookie: `${CREATOR_COOKIE}=${studioSession}` } });
      const text = await res.text();
      // The app's own page may answer a client-side route; the studio's answers never do.
      expect(text, path).not.toMatch(/"apps"\s*:|"creator"\s*:|"templates"\s*:|"messages"\s*:/);
      expect(text, path).not.toContain(creator.email);
    }
  });

  it("source files, configuration and stored object keys are not served: the app's own page or a 404", async () => {
    const { client, appId } = await publishedApp();
    const home = await (await client.get("/")).text();
    for (const path of [
      "/.dev.vars",
      "/wrangler.toml",
      "/package.json",
      "/platform/env.ts",
      `/apps/${appId}/draft/src/blanks/Home.tsx`,
      `/${appId}/v1/index.html`,
      "/src/blanks/Home.tsx",
      "/template.json",
    ]) {
      const res = await client.get(path);
      const text = await res.text();
      if (res.status === 200) expect(text, path).toBe(home);
      else expect([404, 400], path).toContain(res.status);
      expect(text, path).not.toContain("export default function Home");
      expect(text, path).not.toMatch(/SESSION_SECRET|STRIPE_SECRET_KEY|compatibility_date/);
    }
  });
});

interface Published {
  client: Client;
  appId: string;
  creator: Client & { email: string };
}

let shared: Promise<Published> | undefined;

/** One published app for the whole file (a publish is a real build). */
function publishedApp(): Promise<Published> {
  shared ??= (async () => {
    const creator = await signedInCreator("t09");
    const slug = `t09-${crypto.randomUUID().slice(0, 8)}`;
    const app = await createApp(creator, slug);
    expect((await putFiles(creator, slug, { [HOME]: homeSaying("T09 home") })).status).toBe(200);
    expect((await publish(creator, slug)).status).toBe(201);
    const me = await json<{ creator: { email: string } }>(await creator.get("/api/auth/me"));
    return {
      client: new Client(appOrigin(slug)),
      appId: app.id,
      creator: Object.assign(creator, { email: me.creator.email }),
    };
  })();
  return shared;
}
