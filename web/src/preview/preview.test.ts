import { afterEach, describe, expect, it, vi } from "vitest";
import { createShellGate, parseShellMessage, shellUrl } from "./shell-protocol";
import { createForwarder, previewApiUrl, toReply } from "./forward";
import { createNavigationGate } from "./navigation-gate";
import { loadTemplate } from "./template-source";
import { ApiError } from "../lib/api";
import { absoluteVendor } from "./vendor";

const NONCE = "abcdefghijklmnopqrstuvwxyz012345";
const OTHER = "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz";

describe("parseShellMessage", () => {
  it("accepts exactly the shell's messages", () => {
    expect(parseShellMessage({ type: "sandlot-shell:hello", nonce: NONCE })).toEqual({
      type: "sandlot-shell:hello",
      nonce: NONCE,
    });
    expect(parseShellMessage({ type: "sandlot-shell:error", nonce: NONCE, message: "boom" })).toEqual({
      type: "sandlot-shell:error",
      nonce: NONCE,
      message: "boom",
    });
  });
  it.each([
    null,
    "sandlot-shell:hello",
    { type: "sandlot-shell:hello" },
    { type: "sandlot-shell:hello", nonce: "short" },
    { type: "sandlot-shell:hello", nonce: NONCE, extra: 1 },
    { type: "sandlot-shell:run", nonce: NONCE, js: "", css: "", html: "" },
    { type: "sandlot:request", nonce: NONCE },
    { type: "sandlot-shell:error", nonce: NONCE, message: 5 },
    Object.assign(Object.create({ evil: true }), { type: "sandlot-shell:hello", nonce: NONCE }),
  ])("refuses %j", (data) => {
    expect(parseShellMessage(data)).toBeNull();
  });
  it("puts the nonce in the hash only", () => {
    expect(shellUrl(NONCE)).toBe(`/preview#sandlot-preview=${NONCE}`);
  });
});

describe("createShellGate (T31, T32)", () => {
  const frameWindow = { name: "frame" };
  const hello = { source: frameWindow, origin: "null", data: { type: "sandlot-shell:hello", nonce: NONCE } };

  it("ignores other windows, other origins and other nonces", () => {
    const gate = createShellGate(NONCE, () => frameWindow);
    expect(gate.onMessage({ ...hello, source: {} })).toBeNull();
    expect(gate.onMessage({ ...hello, source: null })).toBeNull();
    expect(gate.onMessage({ ...hello, origin: "http://localhost:8787" })).toBeNull();
    expect(gate.onMessage({ ...hello, origin: "https://evil.example" })).toBeNull();
    expect(gate.onMessage({ ...hello, data: { type: "sandlot-shell:hello", nonce: OTHER } })).toBeNull();
    expect(gate.onMessage(hello)).not.toBeNull();
  });
  it("sends the build exactly once, only after the first load and the hello", () => {
    const gate = createShellGate(NONCE, () => frameWindow);
    gate.onMessage(hello);
    expect(gate.takeRun()).toBe(false); // no load yet
    expect(gate.onLoad()).toBe("first");
    expect(gate.takeRun()).toBe(true);
    expect(gate.takeRun()).toBe(false);
    expect(gate.onMessage(hello)).toBeNull(); // a second hello is ignored
  });
  it("closes for good when the frame loads another document", () => {
    const gate = createShellGate(NONCE, () => frameWindow);
    gate.onLoad();
    expect(gate.onLoad()).toBe("navigated");
    expect(gate.closed).toBe(true);
    expect(gate.onMessage(hello)).toBeNull();
    expect(gate.takeRun()).toBe(false);
  });
  it("does not send the build to a frame that navigated before saying hello", () => {
    const gate = createShellGate(NONCE, () => frameWindow);
    gate.onLoad();
    gate.onLoad();
    gate.onMessage(hello);
    expect(gate.takeRun()).toBe(false);
  });
});

describe("forwarding app-plane calls to the preview data", () => {
  it("maps /_api paths under the app's preview prefix", () => {
    expect(previewApiUrl("yoga", "/_api/collections/slots?limit=20")).toBe(
      "/api/apps/yoga/preview/_api/collections/slots?limit=20",
    );
    expect(previewApiUrl("yoga", "/api/tokens")).toBeNull();
    expect(previewApiUrl("yoga", "/_api/../../api/tokens")).toBeNull();
  });
  it("sends JSON with the same-origin cookie and returns status and body", async () => {
    const fetchImpl = vi.fn(
      async () =>
        new Response(JSON.stringify({ item: { id: "1" } }), {
          status: 201,
          headers: { "content-type": "application/json" },
        }),
    );
    const handle = createForwarder("yoga", fetchImpl as unknown as typeof fetch);
    const r = await handle({ method: "POST", path: "/_api/collections/notes", body: { text: "hi" } });
    expect(r).toEqual({ status: 201, body: { item: { id: "1" } } });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/apps/yoga/preview/_api/collections/notes");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    expect(init.body).toBe('{"text":"hi"}');
  });
  it("answers 502 when the network fails, null for 204, a Blob for file bodies", async () => {
    const down = createForwarder("yoga", (async () => {
      throw new TypeError("offline");
    }) as unknown as typeof fetch);
    expect((await down({ method: "GET", path: "/_api/auth/me", body: undefined })).status).toBe(502);
    expect(await toReply(new Response(null, { status: 204 }))).toEqual({ status: 204, body: null });
    const file = await toReply(new Response("bytes", { status: 200, headers: { "content-type": "image/png" } }));
    expect(file.body).toBeInstanceOf(Blob);
  });
});

describe("loadTemplate", () => {
  const tree = { "index.html": "<div id=root>", "src/main.tsx": "x" };
  const manifest = { name: "Booking", blanks: [{ path: "src/blanks/Home.tsx", title: "Home", purpose: "p" }] };
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  /** A studio server listing one template, "booking"; `files` answers every files route. */
  const serve = (files: () => Response) =>
    vi.fn(async (path: string) => {
      if (path === "/api/templates")
        return json({ templates: [{ id: "booking", name: "Booking", description: "d", manifest }] });
      if (/^\/api\/templates\/[^/]+\/files$/.test(path)) return files();
      return json({ error: { code: "not_found", message: "Not found." } }, 404);
    });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("joins the listed manifest with the files route's {files}", async () => {
    const fetchImpl = serve(() => json({ files: tree }));
    vi.stubGlobal("fetch", fetchImpl);
    expect(await loadTemplate("booking")).toEqual({ id: "booking", manifest, files: tree });
    expect(fetchImpl.mock.calls.map((c) => c[0]).sort()).toEqual(["/api/templates", "/api/templates/booking/files"]);
  });
  it("fails with the server's error when the files route fails, never with a stand-in", async () => {
    vi.stubGlobal(
      "fetch",
      serve(() => json({ error: { code: "not_found", message: "No such template." } }, 404)),
    );
    const err = await loadTemplate("booking").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(404);
    expect((err as ApiError).message).toBe("No such template.");
  });
  it("fails when the template is not in the list", async () => {
    vi.stubGlobal(
      "fetch",
      serve(() => json({ files: tree })),
    );
    await expect(loadTemplate("other")).rejects.toThrow('The template "other" is not offered by this server.');
  });
});

describe("absoluteVendor", () => {
  it("points vendor imports at the studio origin for the blob: module", () => {
    const v = absoluteVendor({ imports: { react: "/_sandlot/vendor/react-X.js" }, files: [] }, "http://localhost:8787");
    expect(v.imports.react).toBe("http://localhost:8787/_sandlot/vendor/react-X.js");
  });
});

describe("createNavigationGate (T28, T31)", () => {
  it("opens only a URL the preview's own checkout or portal answer offered, once", () => {
    const gate = createNavigationGate();
    const url = "http://yoga.localhost:8787/_sandlot/dev-checkout/cs_1";
    expect(gate.take(url)).toBe(false);
    gate.record("/_api/collections/notes", { status: 200, body: { url: "http://evil.example/" } });
    gate.record("/_api/billing/checkout", { status: 400, body: { url } });
    expect(gate.take("http://evil.example/")).toBe(false);
    expect(gate.take(url)).toBe(false);
    gate.record("/_api/billing/checkout", { status: 200, body: { url } });
    gate.record("/_api/billing/portal", { status: 200, body: { url: "javascript:alert(1)" } });
    expect(gate.take("javascript:alert(1)")).toBe(false);
    expect(gate.take(url)).toBe(true);
    expect(gate.take(url)).toBe(false);
  });
});
