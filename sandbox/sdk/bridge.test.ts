import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeWindow, settle } from "../preview/fakes";
import { createBridgeTransport, type BridgeWindowLike } from "./bridge";
import { SandlotError } from "./core";

const nonce = "n0nce_abcdefghijklmnop";

function setup(opts: { hostOrigin?: string } = {}) {
  const parent = fakeWindow();
  const self = fakeWindow();
  const win = Object.assign(self, { parent }) as unknown as BridgeWindowLike & typeof self;
  const t = createBridgeTransport({ nonce, window: win, ...opts });
  const lastRequest = () => parent.posted.at(-1)?.message as { id: string; [k: string]: unknown };
  const answer = (data: unknown, source: unknown = parent, origin = "http://localhost:8787") =>
    self.dispatch({ source, origin, data });
  return { parent, self, t, lastRequest, answer };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("bridgeTransport (app side)", () => {
  it("announces sandlot:ready to the parent on creation", () => {
    const { parent } = setup();
    expect(parent.posted).toEqual([{ message: { type: "sandlot:ready", nonce, version: 1 }, targetOrigin: "*" }]);
  });

  it("posts requests with the nonce to window.parent and resolves the matching response", async () => {
    const { t, lastRequest, answer } = setup();
    const p = t.request("POST", "/_api/collections/todos", { title: "x", skip: undefined });
    const sent = lastRequest();
    expect(sent).toMatchObject({
      type: "sandlot:request",
      nonce,
      method: "POST",
      path: "/_api/collections/todos",
      body: { title: "x" },
    });
    expect("skip" in (sent.body as object)).toBe(false);
    answer({ type: "sandlot:response", nonce, id: "zzz", status: 500, body: null }); // unknown id: ignored
    answer({ type: "sandlot:response", nonce, id: sent.id, status: 201, body: { item: { id: "a" } } });
    await expect(p).resolves.toEqual({ status: 201, body: { item: { id: "a" } } });
  });

  it("ignores responses not from window.parent, with another nonce, or malformed", async () => {
    const { t, lastRequest, answer } = setup();
    let settled = false;
    void t.request("GET", "/_api/auth/me").then(() => (settled = true));
    const { id } = lastRequest();
    answer({ type: "sandlot:response", nonce, id, status: 200, body: {} }, fakeWindow());
    answer({ type: "sandlot:response", nonce: "another_nonce_abcdefgh", id, status: 200, body: {} });
    answer({ type: "sandlot:response", nonce, id, status: "200", body: {} });
    await settle();
    expect(settled).toBe(false);
  });

  it("with hostOrigin, posts to it and accepts answers only from it", async () => {
    const { t, parent, lastRequest, answer } = setup({ hostOrigin: "http://localhost:8787" });
    const p = t.request("GET", "/_api/auth/me");
    expect(parent.posted.every((x) => x.targetOrigin === "http://localhost:8787")).toBe(true);
    const { id } = lastRequest();
    answer({ type: "sandlot:response", nonce, id, status: 200, body: { a: 1 } }, parent, "https://evil.example");
    answer({ type: "sandlot:response", nonce, id, status: 200, body: { a: 2 } }, parent, "http://localhost:8787");
    await expect(p).resolves.toEqual({ status: 200, body: { a: 2 } });
  });

  it("times out after 30 s with a SandlotError", async () => {
    vi.useFakeTimers();
    const { t } = setup();
    const p = t.request("GET", "/_api/auth/me");
    const caught = p.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(29_999);
    let done = false;
    void caught.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const e = await caught;
    expect(e).toBeInstanceOf(SandlotError);
    expect(e).toMatchObject({ code: "bridge_timeout", status: 0 });
  });

  it("sends FormData as a form payload (FormData is not cloneable)", () => {
    const { t, lastRequest } = setup();
    const fd = new FormData();
    fd.append("file", new File(["x"], "x.txt"));
    void t.request("POST", "/_api/files", fd);
    const body = lastRequest().body as { kind: string; entries: Array<[string, File]> };
    expect(body.kind).toBe("sandlot:form");
    expect(body.entries[0]?.[0]).toBe("file");
    expect(body.entries[0]?.[1]).toBeInstanceOf(File);
  });

  it("navigate and reportError post to the parent; dispose rejects pending calls", async () => {
    const { t, parent, self } = setup();
    t.navigate("https://pay.example.test/s");
    t.reportError(new Error("boom"));
    expect(parent.posted[1]?.message).toEqual({ type: "sandlot:navigate", nonce, url: "https://pay.example.test/s" });
    expect(parent.posted[2]?.message).toMatchObject({ type: "sandlot:error", nonce, message: "boom" });
    const p = t.request("GET", "/_api/auth/me");
    t.dispose();
    await expect(p).rejects.toMatchObject({ code: "bridge_closed" });
    expect(self.listenerCount()).toBe(0);
  });
});
