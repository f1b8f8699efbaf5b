import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetAuthForTests, signInProviders, signInWith } from "./auth";
import { SandlotError } from "./core";
import { fakeTransport, type FakeTransport } from "./testing";
import { configureSdk, resetTransportForTests } from "./transport";

let t: FakeTransport;

beforeEach(() => {
  resetAuthForTests();
  resetTransportForTests();
  t = fakeTransport();
});

afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

describe("signInProviders", () => {
  it("lists the providers the server names, and nothing it does not know", async () => {
    configureSdk({ transport: t });
    t.on("GET", "/_api/auth/providers", {
      status: 200,
      body: { providers: [{ id: "github", name: "GitHub" }, { id: "myspace", name: "x" }, "google"] },
    });
    expect(await signInProviders()).toEqual([{ id: "github", name: "GitHub" }]);
  });

  it("is empty when the app cannot say (the preview, an error)", async () => {
    configureSdk({ transport: t });
    t.on("GET", "/_api/auth/providers", { status: 404, body: { error: { code: "not_found", message: "no" } } });
    expect(await signInProviders()).toEqual([]);
  });
});

describe("signInWith", () => {
  function fakeWindow(): { assigned: string[] } {
    const assigned: string[] = [];
    (globalThis as { window?: unknown }).window = {
      location: {
        pathname: "/",
        search: "?a=1",
        hash: "#/notes",
        assign: (url: string) => assigned.push(url),
      },
    };
    return { assigned };
  }

  it("leaves for the start route on the app's own origin, coming back to this page", () => {
    const { navigate: _preview, ...live } = t;
    configureSdk({ transport: live });
    const w = fakeWindow();
    signInWith("google");
    signInWith("github", { returnTo: "/#/account" });
    expect(w.assigned).toEqual([
      `/_api/auth/oauth/google/start?return=${encodeURIComponent("/?a=1#/notes")}`,
      `/_api/auth/oauth/github/start?return=${encodeURIComponent("/#/account")}`,
    ]);
  });

  it("refuses in the studio preview and for unknown providers", () => {
    configureSdk({ transport: t });
    const w = fakeWindow();
    expect(() => signInWith("google")).toThrow(SandlotError);
    expect(() => signInWith("google")).toThrow(/published app/);
    expect(() => signInWith("myspace" as "google")).toThrow(/no sign-in with/);
    expect(w.assigned).toEqual([]);
  });
});
