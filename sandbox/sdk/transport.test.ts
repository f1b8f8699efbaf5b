import { afterEach, describe, expect, it, vi } from "vitest";
import { SandlotError } from "./core";
import { call, configureSdk, detectTransport, fetchTransport, getTransport, resetTransportForTests } from "./transport";
import { fakeTransport } from "./testing";

afterEach(() => {
  vi.unstubAllGlobals();
  resetTransportForTests();
});

function stubFetch(status: number, text: string) {
  const seen: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    return new Response(status === 204 ? null : text, { status, headers: { "Content-Type": "application/json" } });
  });
  return seen;
}

describe("fetchTransport", () => {
  it("sends JSON same-origin with the cookie and parses JSON back", async () => {
    const seen = stubFetch(201, JSON.stringify({ item: { id: "a" } }));
    const res = await fetchTransport.request("POST", "/_api/collections/todos", { title: "x" });
    expect(res).toEqual({ status: 201, body: { item: { id: "a" } } });
    expect(seen[0]?.url).toBe("/_api/collections/todos");
    expect(seen[0]?.init).toMatchObject({
      method: "POST",
      credentials: "same-origin",
      body: '{"title":"x"}',
      headers: { "Content-Type": "application/json", Accept: "application/json" },
    });
  });

  it("sends FormData as is, without a JSON content type", async () => {
    const seen = stubFetch(201, "{}");
    const fd = new FormData();
    fd.append("file", new File(["x"], "x.txt"));
    await fetchTransport.request("POST", "/_api/files", fd);
    expect(seen[0]?.init.body).toBe(fd);
    expect((seen[0]!.init.headers as Record<string, string>)["Content-Type"]).toBeUndefined();
  });

  it("204 and non-JSON bodies become null", async () => {
    stubFetch(204, "");
    expect(await fetchTransport.request("POST", "/_api/auth/logout")).toEqual({ status: 204, body: null });
    stubFetch(502, "<html>bad gateway</html>");
    expect(await fetchTransport.request("GET", "/_api/auth/me")).toEqual({ status: 502, body: null });
  });

  it("a network failure is SandlotError network_error with status 0", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    const e = await fetchTransport.request("GET", "/_api/auth/me").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SandlotError);
    expect(e).toMatchObject({ code: "network_error", status: 0 });
  });
});

describe("choosing a transport", () => {
  it("configureSdk({transport}) wins and call() maps non-2xx to SandlotError", async () => {
    const t = fakeTransport();
    configureSdk({ transport: t });
    expect(getTransport()).toBe(t);
    await expect(call("GET", "/_api/nothing")).rejects.toMatchObject({ code: "not_found", status: 404 });
  });

  it("without a window (or not framed) it is fetch", () => {
    expect(detectTransport()).toBe(fetchTransport);
    const self: Record<string, unknown> = { location: { hash: "#sandlot-preview=abcdefghijklmnop1234" } };
    self.parent = self;
    vi.stubGlobal("window", self);
    expect(detectTransport()).toBe(fetchTransport);
  });

  it("framed with #sandlot-preview=<nonce> it is the bridge, which announces itself to the parent", () => {
    const posted: Array<[unknown, string]> = [];
    vi.stubGlobal("window", {
      location: { hash: "#route=/x&sandlot-preview=abcdefghijklmnop1234" },
      parent: { postMessage: (m: unknown, o: string) => posted.push([m, o]) },
      addEventListener() {},
      removeEventListener() {},
    });
    const t = detectTransport();
    expect(t).not.toBe(fetchTransport);
    expect(posted).toEqual([[{ type: "sandlot:ready", nonce: "abcdefghijklmnop1234", version: 1 }, "*"]]);
  });

  it("framed without a (valid) nonce it is fetch", () => {
    vi.stubGlobal("window", { location: { hash: "#sandlot-preview=short" }, parent: {} });
    expect(detectTransport()).toBe(fetchTransport);
  });
});
