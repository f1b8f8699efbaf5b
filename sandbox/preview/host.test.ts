import { describe, expect, it, vi } from "vitest";
import { fakeIframe, fakeWindow, settle } from "./fakes";
import {
  acceptMessage,
  createNonce,
  createPreviewHost,
  isAllowedRequest,
  previewUrl,
  type PreviewRequest,
} from "./host";
import { NONCE_PATTERN } from "./protocol";

const nonce = "n0nce_abcdefghijklmnop";
const request = (over: Record<string, unknown> = {}) => ({
  type: "sandlot:request",
  nonce,
  id: "r1",
  method: "GET",
  path: "/_api/auth/me",
  ...over,
});

describe("acceptMessage (T31)", () => {
  const frame = {};
  const ctx = { expectedSource: frame, nonce };
  it("accepts a well-formed message from the frame, opaque origin, right nonce", () => {
    expect(acceptMessage({ source: frame, origin: "null", data: request() }, ctx)).toMatchObject({ ok: true });
  });
  it("rejects another window as source", () => {
    expect(acceptMessage({ source: {}, origin: "null", data: request() }, ctx)).toEqual({
      ok: false,
      reason: "source",
    });
    expect(acceptMessage({ source: null, origin: "null", data: request() }, { ...ctx, expectedSource: null })).toEqual({
      ok: false,
      reason: "source",
    });
  });
  it("rejects a wrong nonce", () => {
    expect(
      acceptMessage({ source: frame, origin: "null", data: request({ nonce: "other_nonce_abcdefghij" }) }, ctx),
    ).toEqual({ ok: false, reason: "nonce" });
  });
  it("rejects an unexpected origin", () => {
    expect(acceptMessage({ source: frame, origin: "https://evil.example", data: request() }, ctx)).toEqual({
      ok: false,
      reason: "origin",
    });
    expect(
      acceptMessage(
        { source: frame, origin: "null", data: request() },
        { ...ctx, previewOrigin: "http://p.localhost:8787" },
      ),
    ).toEqual({ ok: false, reason: "origin" });
    expect(
      acceptMessage(
        { source: frame, origin: "http://p.localhost:8787", data: request() },
        { ...ctx, previewOrigin: "http://p.localhost:8787" },
      ),
    ).toMatchObject({ ok: true });
  });
  it("rejects malformed data and host-bound-only messages", () => {
    expect(acceptMessage({ source: frame, origin: "null", data: { type: "studio:publish", nonce } }, ctx)).toEqual({
      ok: false,
      reason: "malformed",
    });
    const resp = { type: "sandlot:response", nonce, id: "r1", status: 200, body: null };
    expect(acceptMessage({ source: frame, origin: "null", data: resp }, ctx)).toEqual({
      ok: false,
      reason: "direction",
    });
  });
});

describe("isAllowedRequest", () => {
  it.each([
    ["POST", "/_api/auth/signup"],
    ["POST", "/_api/auth/login"],
    ["POST", "/_api/auth/logout"],
    ["GET", "/_api/auth/me"],
    ["GET", "/_api/collections/todos"],
    ["GET", "/_api/collections/todos?limit=20"],
    ["GET", "/_api/collections/todos?limit=20&cursor=eyJhIjoxfQ%3D%3D"],
    ["GET", "/_api/collections/todos?limit=20&sort=-createdAt&where%5Bdone%5D=false&where%5BownerId%5D=%40me"],
    ["GET", "/_api/collections/todos?where[title]=tex%20mex&sort=title"],
    ["POST", "/_api/collections/todos"],
    ["GET", "/_api/collections/todos/abc_123"],
    ["PATCH", "/_api/collections/todos/abc_123"],
    ["DELETE", "/_api/collections/todos/abc_123"],
    ["POST", "/_api/billing/checkout"],
    ["POST", "/_api/billing/portal"],
    ["POST", "/_api/files"],
    ["GET", "/_api/files/f_1"],
  ])("allows %s %s", (m, p) => expect(isAllowedRequest(m, p)).toBe(true));

  it.each([
    ["GET", "/_api/auth/login"],
    ["DELETE", "/_api/auth/me"],
    ["PATCH", "/_api/collections/todos"],
    ["POST", "/_api/collections/todos/abc"],
    ["GET", "/_api/collections/../../api/apps"],
    ["GET", "/_api/collections/todos/a%2F..%2Fb"],
    ["GET", "/_api/collections/todos/a/b"],
    ["GET", "/_api/collections/Todos"],
    ["GET", "/_api/collections/todos?owner=u2"],
    ["GET", "/_api/collections/todos?limit=1&limit=2"],
    ["GET", "/_api/collections/todos?limit=-1"],
    ["GET", "/_api/collections/todos/a?limit=1"],
    ["GET", "/_api/collections/todos?sort=-a&sort=b"],
    ["GET", "/_api/collections/todos?sort=json_extract(data)"],
    ["GET", "/_api/collections/todos?where%5Bdone%5D=1&where%5Bdone%5D=2"],
    ["GET", "/_api/collections/todos?where%5BDone%5D=1"],
    ["GET", "/_api/collections/todos?where=1"],
    ["GET", "/_api/collections/todos?where%5Ba%5D%5Bb%5D=1"],
    ["POST", "/_api/files?x=1"],
    ["GET", "/_api/openapi.json"],
    ["POST", "/api/apps/x/publish"],
    ["POST", "/_api/admin"],
  ])("refuses %s %s", (m, p) => expect(isAllowedRequest(m, p)).toBe(false));
});

function setup(over: Partial<Parameters<typeof createPreviewHost>[0]> = {}) {
  const studio = fakeWindow();
  const iframe = fakeIframe();
  const handled: PreviewRequest[] = [];
  const handle = vi.fn(async (r: PreviewRequest) => {
    handled.push(r);
    return { status: 200, body: { user: null } };
  });
  const host = createPreviewHost({ iframe, nonce, handle, window: studio, ...over });
  const fromFrame = (data: unknown, origin = "null") => studio.dispatch({ source: iframe.contentWindow, origin, data });
  return { studio, iframe, handle, handled, host, fromFrame };
}

describe("createPreviewHost", () => {
  it("answers an allowed request from the frame, posting only to the frame with '*' (opaque origin)", async () => {
    const { studio, iframe, handled, fromFrame } = setup();
    fromFrame(request({ method: "POST", path: "/_api/collections/todos", body: { title: "x" } }));
    await settle();
    expect(handled).toEqual([{ method: "POST", path: "/_api/collections/todos", body: { title: "x" } }]);
    expect(iframe.contentWindow.posted).toEqual([
      { message: { type: "sandlot:response", nonce, id: "r1", status: 200, body: { user: null } }, targetOrigin: "*" },
    ]);
    expect(studio.posted).toEqual([]);
  });

  it("ignores the same request from another window (T31)", async () => {
    const { studio, iframe, handle } = setup();
    const other = fakeWindow();
    studio.dispatch({ source: other, origin: "null", data: request() });
    await settle();
    expect(handle).not.toHaveBeenCalled();
    expect(iframe.contentWindow.posted).toEqual([]);
    expect(other.posted).toEqual([]);
  });

  it("ignores a request with the wrong nonce (T31)", async () => {
    const { iframe, handle, fromFrame } = setup();
    fromFrame(request({ nonce: "stale_nonce_abcdefghijk" }));
    await settle();
    expect(handle).not.toHaveBeenCalled();
    expect(iframe.contentWindow.posted).toEqual([]);
  });

  it("never forwards a call outside the allow-list; replies 404 to the frame", async () => {
    const { iframe, handle, fromFrame } = setup();
    fromFrame(request({ method: "POST", path: "/_api/admin/publish" }));
    await settle();
    expect(handle).not.toHaveBeenCalled();
    expect(iframe.contentWindow.posted[0]?.message).toMatchObject({ type: "sandlot:response", id: "r1", status: 404 });
  });

  it("with previewOrigin, requires it and posts to it (T32)", async () => {
    const { iframe, handle, fromFrame } = setup({ previewOrigin: "http://demo.localhost:8787" });
    fromFrame(request(), "null");
    await settle();
    expect(handle).not.toHaveBeenCalled();
    fromFrame(request(), "http://demo.localhost:8787");
    await settle();
    expect(iframe.contentWindow.posted.map((p) => p.targetOrigin)).toEqual(["http://demo.localhost:8787"]);
  });

  it("drops a reply if the frame (re)loaded since the request (T32)", async () => {
    let finish!: () => void;
    const { iframe, fromFrame } = setup({
      handle: () => new Promise((r) => (finish = () => r({ status: 200, body: { secret: "preview data" } }))),
    });
    fromFrame(request());
    await settle();
    iframe.fireLoad();
    finish();
    await settle();
    expect(iframe.contentWindow.posted).toEqual([]);
  });

  it("turns a failing or malformed handler result into a 502 reply", async () => {
    const a = setup({ handle: async () => Promise.reject(new Error("db down: secret detail")) });
    a.fromFrame(request());
    await settle();
    expect(a.iframe.contentWindow.posted[0]?.message).toMatchObject({
      status: 502,
      body: { error: { code: "preview_unavailable" } },
    });
    expect(JSON.stringify(a.iframe.contentWindow.posted)).not.toContain("secret detail");
    const b = setup({ handle: async () => ({ status: 200, body: { f: () => 1 } }) });
    b.fromFrame(request());
    await settle();
    expect(b.iframe.contentWindow.posted[0]?.message).toMatchObject({ status: 502 });
  });

  it("hands uploads to the handler as FormData", async () => {
    const { handled, fromFrame } = setup();
    const file = new File(["x"], "x.txt");
    fromFrame(
      request({ method: "POST", path: "/_api/files", body: { kind: "sandlot:form", entries: [["file", file]] } }),
    );
    await settle();
    expect(handled[0]?.body).toBeInstanceOf(FormData);
    expect(((handled[0]!.body as FormData).get("file") as File).name).toBe("x.txt");
  });

  it("reports ready, navigate (http/https only) and app errors", async () => {
    const onReady = vi.fn();
    const onNavigate = vi.fn();
    const onAppError = vi.fn();
    const { fromFrame } = setup({ onReady, onNavigate, onAppError });
    fromFrame({ type: "sandlot:ready", nonce, version: 1 });
    fromFrame({ type: "sandlot:navigate", nonce, url: "https://pay.example.test/s" });
    fromFrame({ type: "sandlot:navigate", nonce, url: "javascript:alert(1)" });
    fromFrame({ type: "sandlot:error", nonce, message: "boom" });
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(onNavigate.mock.calls).toEqual([["https://pay.example.test/s"]]);
    expect(onAppError).toHaveBeenCalledWith({ message: "boom" });
  });

  it("dispose() stops listening and drops in-flight replies", async () => {
    let finish!: () => void;
    const { studio, iframe, host, fromFrame } = setup({
      handle: () => new Promise((r) => (finish = () => r({ status: 200, body: null }))),
    });
    fromFrame(request());
    await settle();
    host.dispose();
    finish();
    await settle();
    expect(studio.listenerCount()).toBe(0);
    expect(iframe.contentWindow.posted).toEqual([]);
  });

  it("refuses to start with a malformed nonce", () => {
    expect(() => setup({ nonce: "short" })).toThrow(/nonce/);
  });
});

describe("helpers", () => {
  it("createNonce is fresh and valid; previewUrl sets the hash", () => {
    const a = createNonce();
    expect(a).toMatch(NONCE_PATTERN);
    expect(createNonce()).not.toBe(a);
    expect(previewUrl("http://localhost:8787/preview/demo#old", a)).toBe(
      `http://localhost:8787/preview/demo#sandlot-preview=${a}`,
    );
  });
});
