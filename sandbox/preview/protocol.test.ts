import { describe, expect, it } from "vitest";
import { formDataToPayload, parseMessage, payloadToFormData, readNonceFromHash } from "./protocol";

const nonce = "n0nce_abcdefghijklmnop";
const req = {
  type: "sandlot:request",
  nonce,
  id: "r1",
  method: "POST",
  path: "/_api/collections/todos",
  body: { title: "x" },
};

describe("parseMessage", () => {
  it("accepts each well-formed message", () => {
    expect(parseMessage(req)).toEqual(req);
    expect(parseMessage({ type: "sandlot:ready", nonce, version: 1 })).toEqual({
      type: "sandlot:ready",
      nonce,
      version: 1,
    });
    expect(
      parseMessage({ type: "sandlot:response", nonce, id: "r1", status: 201, body: { item: { id: "a" } } }),
    ).toMatchObject({ status: 201 });
    expect(parseMessage({ type: "sandlot:navigate", nonce, url: "https://pay.example.test/x" })).toMatchObject({
      url: "https://pay.example.test/x",
    });
    expect(parseMessage({ type: "sandlot:error", nonce, message: "boom" })).toEqual({
      type: "sandlot:error",
      nonce,
      message: "boom",
    });
  });

  it.each([
    ["null", null],
    ["a string", "sandlot:request"],
    ["an array", [req]],
    ["an unknown type", { ...req, type: "sandlot:publish" }],
    ["a studio command", { type: "studio:save", nonce }],
    ["no nonce", { ...req, nonce: undefined }],
    ["a short nonce", { ...req, nonce: "abc" }],
    ["a nonce with odd characters", { ...req, nonce: "abcdefghijklmnop<script>" }],
    ["an extra key", { ...req, token: "x" }],
    ["a bad method", { ...req, method: "PUT" }],
    ["a lowercase method", { ...req, method: "post" }],
    ["a path outside /_api/", { ...req, path: "/api/apps/x/publish" }],
    ["an absolute URL path", { ...req, path: "https://evil.example/_api/" }],
    ["a non-string id", { ...req, id: 7 }],
    ["a function body", { ...req, body: () => 1 }],
    ["a Date body", { ...req, body: new Date() }],
    ["a NaN in the body", { ...req, body: { n: NaN } }],
    ["a __proto__ key", { ...req, body: JSON.parse('{"__proto__":{"admin":true}}') }],
    ["a too-deep body", { ...req, body: JSON.parse("[".repeat(40) + "]".repeat(40)) }],
    ["a class instance", Object.assign(Object.create({ x: 1 }), req)],
    ["a bad status", { type: "sandlot:response", nonce, id: "r1", status: 99, body: null }],
    ["a fractional status", { type: "sandlot:response", nonce, id: "r1", status: 200.5, body: null }],
    ["a javascript: navigation", { type: "sandlot:navigate", nonce, url: "javascript:alert(1)" }],
    ["a relative navigation", { type: "sandlot:navigate", nonce, url: "/x" }],
    ["a ready with another version", { type: "sandlot:ready", nonce, version: 2 }],
  ])("rejects %s", (_, data) => {
    expect(parseMessage(data)).toBeNull();
  });

  it("rejects an object whose getter throws instead of throwing", () => {
    const evil = { ...req };
    Object.defineProperty(evil, "path", {
      enumerable: true,
      get() {
        throw new Error("gotcha");
      },
    });
    expect(parseMessage(evil)).toBeNull();
  });

  it("accepts a form payload of strings and files, and rejects other form shapes", () => {
    const fd = new FormData();
    fd.append("file", new File(["hi"], "a.txt", { type: "text/plain" }));
    const ok = parseMessage({ ...req, path: "/_api/files", body: formDataToPayload(fd) });
    expect(ok).not.toBeNull();
    expect(parseMessage({ ...req, body: { kind: "sandlot:form", entries: [["file", { fake: 1 }]] } })).toBeNull();
  });
});

describe("form payload", () => {
  it("round-trips FormData, keeping file names", () => {
    const fd = new FormData();
    fd.append("file", new File(["hello"], "h.txt", { type: "text/plain" }));
    fd.append("note", "n");
    const back = payloadToFormData(formDataToPayload(fd));
    expect((back.get("file") as File).name).toBe("h.txt");
    expect(back.get("note")).toBe("n");
  });
});

describe("readNonceFromHash", () => {
  it("finds the nonce among other hash params and validates it", () => {
    expect(readNonceFromHash(`#sandlot-preview=${nonce}`)).toBe(nonce);
    expect(readNonceFromHash(`#/route&sandlot-preview=${nonce}&x=1`)).toBe(nonce);
    expect(readNonceFromHash("#sandlot-preview=short")).toBeNull();
    expect(readNonceFromHash("#other=1")).toBeNull();
    expect(readNonceFromHash("")).toBeNull();
  });
});
