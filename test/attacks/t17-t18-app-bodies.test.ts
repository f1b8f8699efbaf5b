import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { errorOf, makeApp, signUp, type TestApp, type TestUser } from "./helpers/app";

let app: TestApp;
let alice: TestUser;

beforeAll(async () => {
  app = await makeApp("t17");
  alice = await signUp(app, "alice@example.com");
});

const count = async (): Promise<number> =>
  (await json<{ items: unknown[] }>(await alice.client.get("/_api/collections/posts?limit=100"))).items.length;

describe("T17 oversized bodies", () => {
  it("a body over the app's maxBodyBytes (8 KiB) is 413 and creates nothing", async () => {
    const res = await alice.client.post("/_api/collections/posts", { title: "x", body: "y".repeat(9000) });
    expect(res.status).toBe(413);
    expect(await count()).toBe(0);
  });
  it("a body over the platform cap is refused by declared length before it is read", async () => {
    const res = await alice.client.fetch("/_api/collections/posts", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(200 * 1024 * 1024) },
      body: "{}",
    });
    expect(res.status).toBe(413);
  });
  it("a chunked body without Content-Length is capped while streaming", async () => {
    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 4 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await alice.client.fetch("/_api/collections/posts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });
  it("a document over the collection's maxDocumentBytes is 413 even inside the body limit", async () => {
    // notes allow 6000 bytes per document; the body limit is 8 KiB; body text allows 5000 chars.
    const res = await alice.client.post("/_api/collections/notes", { title: "x".repeat(200), body: "é".repeat(2950) });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).message).toMatch(/at most 6000/);
  });
  it("deep nesting and huge arrays are 400", async () => {
    let deep: unknown = "x";
    for (let i = 0; i < 100; i++) deep = { a: deep };
    const tooDeep = await alice.client.post("/_api/collections/posts", { title: deep });
    expect(tooDeep.status).toBe(400);
    // Refused by the depth check before any schema runs (the schema alone would also say 400).
    expect((await errorOf(tooDeep)).code).toBe("too_deep");
    expect((await alice.client.post("/_api/collections/posts", { title: new Array(2000).fill(0) })).status).toBe(400);
  });
});

describe("T18 malformed bodies", () => {
  const raw = (body: BodyInit, type = "application/json"): Promise<Response> =>
    alice.client.fetch("/_api/collections/posts", { method: "POST", headers: { "content-type": type }, body });
  it("malformed JSON → 400", async () => {
    expect((await raw('{"title": ')).status).toBe(400);
  });
  it("wrong content type → 415", async () => {
    expect((await raw("title=x", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await raw('{"title":"x"}', "text/plain")).status).toBe(415);
  });
  it("invalid UTF-8 → 400", async () => {
    expect((await raw(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))).status).toBe(400);
  });
  it("__proto__ keys → 400 and no pollution", async () => {
    const res = await raw('{"title":"x","__proto__":{"polluted":true}}');
    expect(res.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it("every refusal is JSON with a code and no stack (T03)", async () => {
    const res = await raw("nope");
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe("invalid_json");
    expect(text).not.toMatch(/at \w+ \(|\.ts:\d+/);
  });
  it("nothing was created", async () => {
    expect(await count()).toBe(0);
  });
});
