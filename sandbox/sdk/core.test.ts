import { describe, expect, it } from "vitest";
import { SandlotError, errorFromResponse } from "./core";

describe("errorFromResponse", () => {
  it("uses the server's {error:{code,message}} and the HTTP status", () => {
    const e = errorFromResponse(429, { error: { code: "rate_limited", message: "Slow down." } });
    expect(e).toBeInstanceOf(SandlotError);
    expect(e).toBeInstanceOf(Error);
    expect([e.code, e.message, e.status, e.name]).toEqual(["rate_limited", "Slow down.", 429, "SandlotError"]);
  });

  it("falls back to a generic error per status for bodies that are not the error shape", () => {
    expect(errorFromResponse(401, null)).toMatchObject({ code: "unauthenticated", status: 401 });
    expect(errorFromResponse(404, "<html>")).toMatchObject({ code: "not_found", status: 404 });
    expect(errorFromResponse(503, { error: "boom" })).toMatchObject({ code: "server_error", status: 503 });
    expect(errorFromResponse(418, { error: { code: 5, message: "x" } })).toMatchObject({
      code: "http_418",
      status: 418,
    });
  });
});
