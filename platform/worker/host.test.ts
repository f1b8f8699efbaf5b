import { describe, expect, it } from "vitest";
import { classifyHost, normalizeHost } from "./host";

const config = { studioHost: "localhost:8787", appsDomain: "localhost:8787" };

describe("normalizeHost", () => {
  it.each([
    ["Demo.LocalHost:8787", "demo.localhost:8787"],
    ["demo.localhost.:8787", "demo.localhost:8787"],
    ["example.com:443", "example.com:443"],
    ["example.com:80", "example.com"],
  ])("%s → %s", (raw, want) => {
    expect(normalizeHost(raw, "http")).toBe(want);
  });

  it.each([
    "",
    "a b",
    "evil.com@demo.localhost",
    "demo.localhost:99999",
    "-x.localhost",
    "a..b",
    "demo.localhost:8787/x",
    "%64emo.localhost",
  ])("refuses %j", (raw) => {
    expect(normalizeHost(raw, "http")).toBeNull();
  });
});

describe("classifyHost (T47)", () => {
  it("finds the studio and apps", () => {
    expect(classifyHost("localhost:8787", "http", config)).toEqual({ plane: "studio" });
    expect(classifyHost("DEMO.localhost:8787", "http", config)).toEqual({ plane: "app", slug: "demo" });
  });
  it("refuses nested labels, other ports and foreign hosts", () => {
    expect(classifyHost("a.demo.localhost:8787", "http", config)).toEqual({ plane: "unknown" });
    expect(classifyHost("demo.localhost:9999", "http", config)).toEqual({ plane: "unknown" });
    expect(classifyHost("evil.example", "http", config)).toEqual({ plane: "unknown" });
    expect(classifyHost(null, "http", config)).toEqual({ plane: "unknown" });
  });
  it("handles production-shaped separate domains", () => {
    const prod = { studioHost: "studio.sandlot.example", appsDomain: "sandlotapps.example" };
    expect(classifyHost("shop.sandlotapps.example", "https", prod)).toEqual({ plane: "app", slug: "shop" });
    expect(classifyHost("studio.sandlot.example.", "https", prod)).toEqual({ plane: "studio" });
    expect(classifyHost("sandlotapps.example", "https", prod)).toEqual({ plane: "unknown" });
  });
});
