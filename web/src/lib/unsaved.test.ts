import { describe, expect, it } from "vitest";
import { dropEdits, keepEdits, keptEdits } from "./unsaved";

function memoryStorage(): Pick<Storage, "getItem" | "setItem" | "removeItem"> & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

describe("unsaved edits in the browser", () => {
  const saved = { "a.tsx": "A", "b.css": "B" };

  it("keeps only blanks that differ from what was saved, per app", () => {
    const s = memoryStorage();
    keepEdits(s, "app-1", { "a.tsx": "A edited", "b.css": "B" }, saved, 1000);
    expect(keptEdits(s, "app-1", saved)).toEqual({ at: 1000, files: { "a.tsx": "A edited" } });
    expect(keptEdits(s, "app-2", saved)).toBeNull();
  });

  it("forgets them when the draft matches the saved blanks again, or on drop", () => {
    const s = memoryStorage();
    keepEdits(s, "app", { "a.tsx": "x", "b.css": "B" }, saved, 1);
    keepEdits(s, "app", { ...saved }, saved, 2);
    expect(s.map.size).toBe(0);
    keepEdits(s, "app", { "a.tsx": "x", "b.css": "B" }, saved, 3);
    dropEdits(s, "app");
    expect(keptEdits(s, "app", saved)).toBeNull();
  });

  it("offers nothing once saved elsewhere to the same content, and ignores blanks the app no longer has", () => {
    const s = memoryStorage();
    keepEdits(s, "app", { "a.tsx": "x", "gone.tsx": "y", "b.css": "B" }, { ...saved, "gone.tsx": "" }, 1);
    expect(keptEdits(s, "app", { "a.tsx": "x", "b.css": "B" })).toBeNull();
  });

  it("treats unreadable storage as nothing kept", () => {
    const s = memoryStorage();
    s.map.set("sandlot:unsaved:app", "{not json");
    expect(keptEdits(s, "app", saved)).toBeNull();
    s.map.set("sandlot:unsaved:app", JSON.stringify({ files: { "a.tsx": 5 } }));
    expect(keptEdits(s, "app", saved)).toBeNull();
  });
});
