import { describe, expect, it } from "vitest";
import { checkHostname } from "./hostname";

const dev = { ENVIRONMENT: "development", STUDIO_HOST: "localhost:8787", APPS_DOMAIN: "localhost:8787" };
const prod = { ENVIRONMENT: "production", STUDIO_HOST: "studio.sandlot.example", APPS_DOMAIN: "sandlotapps.example" };

const ok = (raw: unknown, rules = prod): string | null => {
  const r = checkHostname(raw, rules);
  return r.ok ? r.hostname : null;
};

describe("checkHostname", () => {
  it("keeps public names in lower-case ASCII, IDNs in punycode", () => {
    expect(ok(" Shop.Example.COM. ")).toBe("shop.example.com");
    expect(ok("bücher.de")).toBe("xn--bcher-kva.de");
    expect(ok("xn--bcher-kva.de")).toBe("xn--bcher-kva.de");
    expect(ok(`${"a".repeat(63)}.com`)).toBe(`${"a".repeat(63)}.com`);
  });

  it.each([
    ["studio.sandlot.example"],
    ["x.studio.sandlot.example"],
    ["sandlotapps.example"],
    ["shop.sandlotapps.example"],
    ["a.b.sandlotapps.example"],
    ["shop.localhost"],
    ["a.b.localhost"],
    ["printer.local"],
    ["shop.test"],
    ["x.internal"],
    ["1.2.3.4"],
    ["shop.123"],
    ["::1"],
    ["shop.example.com:443"],
    ["shop"],
    ["shop_1.example.com"],
    ["shop .example.com"],
    [`${"a".repeat(64)}.com`],
    [null],
  ])("refuses %j in production", (raw) => {
    expect(ok(raw)).toBeNull();
  });

  it("development simulates domains as two labels or more under localhost, never a slug host", () => {
    expect(ok("shop.demo.localhost", dev)).toBe("shop.demo.localhost");
    expect(ok("shop.example.com", dev)).toBe("shop.example.com");
    expect(ok("shop.localhost", dev)).toBeNull();
    expect(ok("localhost", dev)).toBeNull();
  });
});
