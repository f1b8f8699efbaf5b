import { describe, expect, it } from "vitest";
import { manifestSchema } from "./schema";

/** The manifest checks of the data primitives (issue 17): each problem at the path of its JSON value. */

const base = {
  id: "prims-check",
  name: "Primitives check",
  blanks: [{ path: "src/blanks/Home.tsx", title: "Home", purpose: "The first screen." }],
};
const open = { list: "public", read: "public", create: "authenticated", update: "owner", delete: "owner" };

function problems(collections: Record<string, unknown>): Array<{ path: string; message: string }> {
  const r = manifestSchema.safeParse({ ...base, collections });
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

const events = {
  fields: { title: { type: "text" }, capacity: { type: "number" }, state: { type: "select", options: ["a", "b"] } },
  rules: open,
};

describe("manifest: data primitives", () => {
  it("a well-formed set passes", () => {
    expect(
      problems({
        events,
        tickets: {
          fields: { eventId: { type: "reference", collection: "events" }, site: { type: "url" }, d: { type: "date" } },
          rules: open,
          unique: [["ownerId", "eventId"], "site"],
          capacity: { field: "eventId", maxFrom: "capacity" },
        },
        answers: {
          fields: { body: { type: "text" }, state: { type: "select", options: ["p", "q"], default: "p" } },
          rules: open,
          counts: { votes: { collection: "votes", by: "answerId" } },
          transitions: { state: { p: ["q"] } },
        },
        votes: { fields: { answerId: { type: "reference", collection: "answers" } }, rules: open },
      }),
    ).toEqual([]);
  });

  it("names what does not exist, each at its own path", () => {
    const found = problems({
      events,
      tickets: {
        fields: { eventId: { type: "reference", collection: "gigs" }, title: { type: "text" }, site: { type: "url" } },
        rules: open,
        unique: [["ownerId", "eventID"]],
        capacity: { field: "title", maxFrom: "capacity" },
        counts: { title: { collection: "events", by: "title" } },
        transitions: { title: { a: ["b"] } },
        indexed: ["site"],
      },
      other: {
        fields: { s: { type: "select", options: ["x"], default: "y" }, r: { type: "reference", collection: "events" } },
        rules: open,
        capacity: { field: "r", maxFrom: "title" },
        transitions: { s: { x: ["z"], w: [] } },
      },
    });
    const at = (path: string): string[] => found.filter((p) => p.path === path).map((p) => p.message);
    expect(at("collections.tickets.fields.eventId.collection")[0]).toContain('"gigs", which is not a collection');
    expect(at("collections.tickets.unique.0.1")[0]).toContain('"eventID" is not a field');
    expect(at("collections.tickets.capacity.maxFrom")[0]).toContain("must be a reference");
    expect(at("collections.tickets.counts.title")[0]).toContain("has the name of a field");
    expect(at("collections.tickets.counts.title.by")[0]).toContain("must be a reference field of events to tickets");
    expect(at("collections.tickets.transitions.title")[0]).toContain("not a select field");
    expect(at("collections.tickets.indexed.0")[0]).toContain("is a url");
    expect(at("collections.other.fields.s.default")[0]).toContain('"y" is not an option of s');
    expect(at("collections.other.capacity.maxFrom")[0]).toContain('"title" is not a number field of events');
    expect(at("collections.other.transitions.s.x.0")[0]).toContain('"z" is not an option of s');
    expect(at("collections.other.transitions.s.w")[0]).toContain('"w" is not an option of s');
  });

  it("a capacity takes exactly one of max and maxFrom; a unique set has 2 to 4 fields", () => {
    const cap = (capacity: unknown) =>
      problems({ t: { fields: { e: { type: "text", maxLength: 10 } }, rules: open, capacity } });
    expect(cap({ field: "e", max: 3, maxFrom: "x" })).not.toEqual([]);
    expect(cap({ field: "e" })).not.toEqual([]);
    expect(cap({ field: "e", max: 0 })).not.toEqual([]);
    expect(cap({ field: "e", max: 3 })).toEqual([]);
    const uniq = (unique: unknown) => problems({ t: { fields: { e: { type: "text" } }, rules: open, unique } });
    expect(uniq([["e"]])).not.toEqual([]);
    expect(uniq([["e", "e"]])[0]?.message).toContain("listed twice");
    expect(uniq(["ownerId"])).toEqual([]);
  });
});
