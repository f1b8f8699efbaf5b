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
    expect(classifyHost("demo.localhost:9999", "http", config)).toEqual({ plane: "unknown" });
    expect(classifyHost("evil.example", "http", config)).toEqual({ plane: "unknown" });
    expect(classifyHost(null, "http", config)).toEqual({ plane: "unknown" });
  });
  it("T55 hands other hosts on the app port to the custom-domain lookup, never the platform's own", () => {
    // Nested names under a `localhost` APPS_DOMAIN simulate custom domains in development.
    expect(classifyHost("a.demo.localhost:8787", "http", config)).toEqual({
      plane: "custom",
      hostname: "a.demo.localhost",
    });
    expect(classifyHost("Shop.Example.com:8787", "http", config)).toEqual({
      plane: "custom",
      hostname: "shop.example.com",
    });
    expect(classifyHost("shop.example.com:9999", "http", config)).toEqual({ plane: "unknown" });
    expect(classifyHost("localhost.:8787", "http", config)).toEqual({ plane: "studio" });
    const prod = { studioHost: "studio.sandlot.example", appsDomain: "sandlotapps.example" };
    expect(classifyHost("shop.example.com", "https", prod)).toEqual({ plane: "custom", hostname: "shop.example.com" });
    expect(classifyHost("shop.example.com:8443", "https", prod)).toEqual({ plane: "unknown" });
    expect(classifyHost("a.b.sandlotapps.example", "https", prod)).toEqual({ plane: "unknown" });
    expect(classifyHost("x.studio.sandlot.example", "https", prod)).toEqual({ plane: "unknown" });
    expect(classifyHost("a.b.localhost", "https", prod)).toEqual({ plane: "custom", hostname: "a.b.localhost" });
    expect(classifyHost("intranet", "https", prod)).toEqual({ plane: "unknown" });
  });
  it("handles production-shaped separate domains", () => {
    const prod = { studioHost: "studio.sandlot.example", appsDomain: "sandlotapps.example" };
    expect(classifyHost("shop.sandlotapps.example", "https", prod)).toEqual({ plane: "app", slug: "shop" });
    expect(classifyHost("studio.sandlot.example.", "https", prod)).toEqual({ plane: "studio" });
    expect(classifyHost("sandlotapps.example", "https", prod)).toEqual({ plane: "unknown" });
  });
});
