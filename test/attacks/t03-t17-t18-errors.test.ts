import { describe, expect, it } from "vitest";
import type { Env } from "../../platform/env";
import { assertNoSecretIn, Client, json, STUDIO_ORIGIN } from "../helpers/client";
import { inObject, makeApp, signUp } from "./helpers/app";

interface ErrorBody {
  error: { code: string; message: string; requestId?: string };
}

function expectCleanError(body: ErrorBody, res: Response): void {
  expect(typeof body.error.code).toBe("string");
  expect(typeof body.error.message).toBe("string");
  expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  expect(text).not.toMatch(/whsec_|sk_(live|test)_|CURSOR_SECRET|Error:/);
}

describe("T17: oversized and hostile bodies", () => {
  it("refuses a 2 MB body by its declared length with 413 JSON", async () => {
    const c = new Client(STUDIO_ORIGIN);
    const big = "x".repeat(2 * 1024 * 1024);
    const res = await c.fetch("/api/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "a@b.co", password: big }),
    });
    expect(res.status).toBe(413);
    expectCleanError(await json<ErrorBody>(res), res);
  });

  it("refuses an over-size streamed body that declares no length", async () => {
    const c = new Client(STUDIO_ORIGIN);
    const chunk = new TextEncoder().encode("x".repeat(256 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 8) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const res = await c.fetch("/api/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("refuses deeply nested JSON with 400", async () => {
    const c = new Client(STUDIO_ORIGIN);
    const deep = "[".repeat(5000) + "]".repeat(5000);
    const res = await c.fetch("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: deep,
    });
    expect(res.status).toBe(400);
    expectCleanError(await json<ErrorBody>(res), res);
  });
});

describe("T18: malformed input", () => {
  const cases: Array<[string, Record<string, string>, BodyInit, number]> = [
    ["malformed JSON", { "content-type": "application/json" }, '{"email":', 400],
    ["wrong content type", { "content-type": "text/plain" }, "{}", 415],
    ["missing content type", {}, "{}", 415],
    [
      "invalid UTF-8",
      { "content-type": "application/json" },
      new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      400,
    ],
    [
      "__proto__ key",
      { "content-type": "application/json" },
      '{"__proto__":{"admin":true},"email":"a@b.co","password":"xxxxxxxxxx"}',
      400,
    ],
  ];
  it.each(cases)("%s → 4xx JSON, no stack", async (_name, headers, body, status) => {
    const c = new Client(STUDIO_ORIGIN);
    const res = await c.fetch("/api/auth/signup", { method: "POST", headers, body });
    expect(res.status).toBe(status);
    expectCleanError(await json<ErrorBody>(res), res);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    // Nothing was created.
    expect((await c.get("/api/auth/me")).status).toBe(401);
  });
});

describe("T03: errors carry a request id and nothing else", () => {
  it("unknown API route → 404 JSON with request id", async () => {
    const res = await new Client(STUDIO_ORIGIN).get("/api/does-not-exist");
    expect(res.status).toBe(404);
    expectCleanError(await json<ErrorBody>(res), res);
  });

  it("an unauthenticated call → 401 JSON with request id", async () => {
    const res = await new Client(STUDIO_ORIGIN).get("/api/tokens");
    expect(res.status).toBe(401);
    expectCleanError(await json<ErrorBody>(res), res);
  });

  it("a real fault (a stored document that no longer parses) → 500 that says nothing of the error", async () => {
    const app = await makeApp("t03-fault");
    const alice = await signUp(app, "fault@example.com");
    const created = await alice.client.post("/_api/collections/posts", { title: "soon broken" });
    expect(created.status).toBe(201);
    const { item } = await json<{ item: { id: string } }>(created);
    // JSON.parse quotes the text it fails on, so a handler that echoed the error would carry the canary.
    const canary = `canary-${crypto.randomUUID()}`;
    await inObject(app, (store) => {
      store.sql.exec("UPDATE documents SET data = ? WHERE id = ?", `{"title": ${canary}`, item.id);
    });
    const res = await alice.client.get(`/_api/collections/posts/${item.id}`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain(canary);
    const body = JSON.parse(text) as ErrorBody;
    expect(body.error.code).toBe("internal");
    expect(Object.keys(body.error).sort()).toEqual(["code", "message", "requestId"]);
    expectCleanError(body, res);
  });
});

describe("T47: host games", () => {
  it("X-Forwarded-Host cannot turn an unknown host into the studio", async () => {
    const c = new Client("http://attacker.example");
    const res = await c.get("/api/auth/me", {
      headers: { "x-forwarded-host": "localhost:8787", forwarded: "host=localhost:8787" },
    });
    expect(res.status).toBe(404);
    expect((await json<ErrorBody>(res)).error.code).toBe("not_found");
  });

  it("X-Forwarded-Host cannot move the studio to an app", async () => {
    const c = new Client(STUDIO_ORIGIN);
    const res = await c.get("/api/auth/me", { headers: { "x-forwarded-host": "demo.localhost:8787" } });
    expect(res.status).toBe(401);
  });

  it("unknown app slugs get a friendly 404 page, not an error", async () => {
    const res = await new Client("http://nope.localhost:8787").get("/");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
  });
});

describe("T03: every response a test reads is searched for the platform's secrets (I1)", () => {
  const env = { STRIPE_WEBHOOK_SECRET: "whsec_canary_0123456789", CURSOR_SECRET: "cursor-canary-0123456789" };
  const what = "GET /probe";

  it("fails on a secret in a body, whole", async () => {
    const res = new Response(`{"debug":"${env.CURSOR_SECRET}"}`, { headers: { "content-type": "application/json" } });
    await expect(assertNoSecretIn(res, { env: env as unknown as Env, what })).rejects.toThrow(/CURSOR_SECRET/);
  });

  it("fails on a secret in a header", async () => {
    const res = new Response("ok", { headers: { "x-debug": env.STRIPE_WEBHOOK_SECRET } });
    await expect(assertNoSecretIn(res, { env: env as unknown as Env, what })).rejects.toThrow(/STRIPE_WEBHOOK_SECRET/);
  });

  it("passes a clean response and leaves its body readable by the test", async () => {
    const res = new Response('{"ok":true}', { headers: { "content-type": "application/json" } });
    await assertNoSecretIn(res, { env: env as unknown as Env, what });
    expect(await res.json()).toEqual({ ok: true });
  });
});
