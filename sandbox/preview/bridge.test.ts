// The app-side bridge and the studio host wired together through fake windows, driven by real SDK
// calls: what the SDK does in the preview reaches `handle` and comes back as the same results.
import { afterEach, describe, expect, it } from "vitest";
import { resetAuthForTests, signIn } from "../sdk/auth";
import { checkout, uploadFile } from "../sdk/billing";
import { createBridgeTransport, type BridgeWindowLike } from "../sdk/bridge";
import { configureSdk, resetTransportForTests } from "../sdk/transport";
import { fakeWindow } from "./fakes";
import { createPreviewHost, type PreviewRequest } from "./host";

const nonce = "n0nce_abcdefghijklmnop";

function wire(handle: (r: PreviewRequest) => Promise<{ status: number; body: unknown }>) {
  const studio = fakeWindow();
  const app = fakeWindow();
  // What each side posts is delivered to the other, with the real source and opaque origin.
  const frameProxy = {
    postMessage: (m: unknown) => app.dispatch({ source: parentProxy, origin: "http://localhost:8787", data: m }),
  };
  const parentProxy = { postMessage: (m: unknown) => studio.dispatch({ source: frameProxy, origin: "null", data: m }) };
  const navigated: string[] = [];
  const host = createPreviewHost({
    iframe: { contentWindow: frameProxy },
    nonce,
    handle,
    window: studio,
    onNavigate: (u) => navigated.push(u),
  });
  // The app's window.parent is the studio, seen from the frame as parentProxy.
  const appWindow = Object.assign(app, { parent: parentProxy }) as unknown as BridgeWindowLike;
  const bridge = createBridgeTransport({ nonce, window: appWindow });
  configureSdk({ transport: bridge });
  return { host, bridge, navigated };
}

afterEach(() => {
  resetTransportForTests();
  resetAuthForTests();
});

describe("SDK over the preview bridge", () => {
  it("signIn, checkout and uploadFile travel to the host's handler and back", async () => {
    const seen: PreviewRequest[] = [];
    const { navigated, host } = wire(async (r) => {
      seen.push(r);
      if (r.path === "/_api/auth/login") return { status: 200, body: { user: { id: "u1", email: "a@example.test" } } };
      if (r.path === "/_api/auth/me")
        return {
          status: 200,
          body: { user: { id: "u1", email: "a@example.test" }, entitlements: { plans: [], grants: [] } },
        };
      if (r.path === "/_api/billing/checkout") return { status: 200, body: { url: "https://pay.example.test/s" } };
      if (r.path === "/_api/files")
        return {
          status: 201,
          body: { file: { id: "f1", url: "/_api/files/f1", name: "x.txt", size: 1, contentType: "text/plain" } },
        };
      return { status: 404, body: { error: { code: "not_found", message: "Not found." } } };
    });
    await expect(signIn({ email: "a@example.test", password: "pw" })).resolves.toMatchObject({ id: "u1" });
    await checkout("pro");
    const f = await uploadFile(new File(["x"], "x.txt", { type: "text/plain" }));
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /_api/auth/login",
      "GET /_api/auth/me",
      "POST /_api/billing/checkout",
      "POST /_api/files",
    ]);
    expect(seen[0]?.body).toEqual({ email: "a@example.test", password: "pw" });
    expect(seen[3]?.body).toBeInstanceOf(FormData);
    expect(navigated).toEqual(["https://pay.example.test/s"]);
    expect(f.id).toBe("f1");
    host.dispose();
  });

  it("server errors come back as SandlotError with code, message and status", async () => {
    const { host } = wire(async () => ({
      status: 401,
      body: { error: { code: "invalid_credentials", message: "Wrong email or password." } },
    }));
    await expect(signIn({ email: "a@example.test", password: "bad" })).rejects.toMatchObject({
      name: "SandlotError",
      code: "invalid_credentials",
      status: 401,
    });
    host.dispose();
  });
});
