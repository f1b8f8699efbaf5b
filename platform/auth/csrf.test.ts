import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "./csrf";

const req = (headers: Record<string, string>): Request =>
  new Request("http://demo.localhost:8787/_api/auth/logout", { method: "POST", headers });

describe("isCrossSiteRequest (T24)", () => {
  it.each([
    [{ "sec-fetch-site": "cross-site" }, true],
    [{ "sec-fetch-site": "same-site" }, true],
    [{ "sec-fetch-site": "same-origin" }, false],
    [{ "sec-fetch-site": "none" }, false],
    [{ origin: "http://evil.localhost:8787" }, true],
    [{ origin: "null" }, true],
    [{ origin: "http://demo.localhost:8787" }, false],
    [{}, false],
  ])("%j → %s", (headers, want) => {
    expect(isCrossSiteRequest(req(headers))).toBe(want);
  });
});
