// The kit's hash router. currentPath() reads window.location.hash, so each test sets a stand-in
// window with only the hash; match() and pathFromHash() are pure.
import { afterEach, describe, expect, it } from "vitest";
import { currentPath, match, pathFromHash } from "./router";

const g = globalThis as { window?: unknown };
function atHash(hash: string): void {
  g.window = { location: { hash } };
}
afterEach(() => {
  delete g.window;
});

describe("currentPath", () => {
  it("reads the route from a #/ hash and decodes escapes", () => {
    atHash("#/p/caf%C3%A9");
    expect(currentPath()).toBe("/p/café");
  });

  it("treats the preview's #sandlot-preview=… hash and an empty hash as the home page", () => {
    atHash("#sandlot-preview=abc123");
    expect(currentPath()).toBe("/");
    atHash("");
    expect(currentPath()).toBe("/");
  });

  it.each(["#/p/%", "#/p/%E0%A4%A", "#/%zz/x", "#/p/100%"])(
    "does not throw on a malformed escape (%s): the raw path comes back",
    (hash) => {
      atHash(hash);
      expect(() => currentPath()).not.toThrow();
      expect(currentPath()).toBe(hash.slice(1));
    },
  );

  it("a malformed post link falls through to the post route with the raw id, which the server answers 404", () => {
    atHash("#/p/%");
    expect(match("/p/:id", currentPath())).toEqual({ id: "%" });
    expect(pathFromHash("#/p/%")).toBe("/p/%");
  });
});

describe("match", () => {
  it("binds :params and refuses other shapes", () => {
    expect(match("/p/:id", "/p/abc")).toEqual({ id: "abc" });
    expect(match("/p/:id", "/p/abc/more")).toBeNull();
    expect(match("/p/:id", "/q/abc")).toBeNull();
    expect(match("/", "/")).toEqual({});
  });
});
