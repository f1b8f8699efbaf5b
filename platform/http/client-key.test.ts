import { describe, expect, it } from "vitest";
import { clientKey, clientTag } from "./client-key";

/** T49: budgets count per client; an IPv6 client is its /64. */
describe("clientKey", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["::1", "0:0:0:0::/64"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8::", "2001:db8:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["[2001:db8:1:2::9]", "2001:db8:1:2::/64"],
  ])("%j → %j", (ip, want) => {
    expect(clientKey(ip)).toBe(want);
  });
  it.each([
    undefined,
    null,
    "",
    "not an ip",
    "2001:db8::1::2",
    "1:2:3:4:5:6:7:8:9",
    "2001:db8:zzzz::1",
    "::ffff:999.0.0.1",
    "999.1.1.1",
  ])("%j is unknown", (ip) => {
    expect(clientKey(ip)).toBe("unknown");
  });
  it("two addresses in one /64 share a tag; another /64 does not", () => {
    expect(clientTag("2001:db8:1:2::1")).toBe(clientTag("2001:db8:1:2:aaaa::2"));
    expect(clientTag("2001:db8:1:3::1")).not.toBe(clientTag("2001:db8:1:2::1"));
    expect(clientTag("203.0.113.7")).not.toBe(clientTag("203.0.113.8"));
    expect(clientTag("203.0.113.7")).toMatch(/^[0-9a-f]{24}$/);
    expect(clientTag("203.0.113.7")).not.toContain("203");
  });
});
