import { beforeEach, describe, expect, it } from "vitest";
import { checkout, manageBilling, uploadFile } from "./billing";
import { fakeTransport, type FakeTransport } from "./testing";
import { configureSdk } from "./transport";

let t: FakeTransport;
beforeEach(() => {
  t = fakeTransport();
  configureSdk({ transport: t });
});

describe("billing", () => {
  it("checkout posts {plan} and navigates to the returned URL", async () => {
    t.on("POST", "/_api/billing/checkout", { status: 200, body: { url: "https://pay.example.test/c/123" } });
    await checkout("pro");
    expect(t.calls).toEqual([{ method: "POST", path: "/_api/billing/checkout", body: { plan: "pro" } }]);
    expect(t.navigated).toEqual(["https://pay.example.test/c/123"]);
  });

  it("manageBilling posts to the portal endpoint and navigates", async () => {
    t.on("POST", "/_api/billing/portal", { status: 200, body: { url: "https://pay.example.test/p/1" } });
    await manageBilling();
    expect(t.calls[0]).toMatchObject({ method: "POST", path: "/_api/billing/portal" });
    expect(t.navigated).toEqual(["https://pay.example.test/p/1"]);
  });

  it("refuses to navigate to a non-http(s) URL", async () => {
    t.on("POST", "/_api/billing/checkout", { status: 200, body: { url: "javascript:alert(1)" } });
    await expect(checkout("pro")).rejects.toMatchObject({ code: "bad_redirect" });
    expect(t.navigated).toEqual([]);
  });

  it("surfaces server errors (e.g. not signed in)", async () => {
    t.on("POST", "/_api/billing/checkout", {
      status: 401,
      body: { error: { code: "unauthenticated", message: "Sign in first." } },
    });
    await expect(checkout("pro")).rejects.toMatchObject({
      code: "unauthenticated",
      status: 401,
      message: "Sign in first.",
    });
  });
});

describe("uploadFile", () => {
  it("posts multipart FormData with field `file` and returns the file info", async () => {
    t.on("POST", "/_api/files", {
      status: 201,
      body: { file: { id: "f1", url: "/_api/files/f1", name: "a.png", size: 3, contentType: "image/png" } },
    });
    const file = new File([new Uint8Array([1, 2, 3])], "a.png", { type: "image/png" });
    const info = await uploadFile(file);
    const body = t.calls[0]?.body;
    expect(body).toBeInstanceOf(FormData);
    const sent = (body as FormData).get("file");
    expect(sent).toBeInstanceOf(File);
    expect((sent as File).name).toBe("a.png");
    expect(info).toEqual({ id: "f1", url: "/_api/files/f1", name: "a.png", size: 3, contentType: "image/png" });
  });

  it("fills url/name/size/type when the server answers with only an id", async () => {
    t.on("POST", "/_api/files", { status: 201, body: { id: "f 2" } });
    const info = await uploadFile(new File(["hi"], "n.txt", { type: "text/plain" }));
    expect(info).toEqual({ id: "f 2", url: "/_api/files/f%202", name: "n.txt", size: 2, contentType: "text/plain" });
  });

  it("413 over quota rejects with the server's message", async () => {
    t.on("POST", "/_api/files", {
      status: 413,
      body: { error: { code: "too_large", message: "Storage quota reached." } },
    });
    await expect(uploadFile(new File(["x"], "x.txt"))).rejects.toMatchObject({ status: 413, code: "too_large" });
  });
});
