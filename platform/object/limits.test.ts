import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { manifestSchema, type CollectionSpec, type Manifest } from "../manifest/schema";
import { getTemplate } from "../templates/registry";
import { appLimits, forwardLimit, isUpload, maxDocumentBytes, maxDocumentsPerUser, PLATFORM_CAPS } from "./limits";

/**
 * The numbers every route enforces (I7): manifest values where given, defaults where not, and
 * never past the platform's caps. Manifests are parsed with the real schema, as the registry does.
 */

const KiB = 1024;
const MiB = 1024 * KiB;

const PRO = { id: "pro", name: "Pro", price: { amount: 500, currency: "usd", interval: "month" } };
const TEAM = { id: "team", name: "Team", price: { amount: 2000, currency: "usd", interval: "month" } };

function manifest(over: Record<string, unknown> = {}): Manifest {
  return manifestSchema.parse({
    id: "limits-test",
    name: "Limits",
    blanks: [{ path: "src/Home.tsx", title: "Home", purpose: "The first screen." }],
    ...over,
  });
}

function collection(limits: Record<string, unknown>, plans: unknown[] = [PRO, TEAM]): CollectionSpec {
  return manifest({ plans, collections: { notes: { fields: { title: { type: "text" } }, limits } } }).collections
    .notes!;
}

describe("appLimits", () => {
  it("a manifest that declares nothing gets the documented defaults", () => {
    expect(appLimits(manifest())).toEqual({
      maxBodyBytes: 1 * MiB,
      requestsPerMinutePerUser: 600,
      requestsPerMinutePerIp: 1200,
      maxFileBytes: 5 * MiB,
      storageBytesPerUser: 50 * MiB,
      storageBytesPerApp: 1024 * MiB,
      fileTypes: ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"],
    });
  });

  it("every value a manifest declares is used", () => {
    const limits = {
      maxBodyBytes: 2 * KiB,
      requestsPerMinutePerUser: 30,
      requestsPerMinutePerIp: 90,
      maxFileBytes: 3 * KiB,
      storageBytesPerUser: 10 * KiB,
      storageBytesPerApp: 20 * KiB,
      fileTypes: ["text/plain"],
    };
    expect(appLimits(manifest({ limits }))).toEqual(limits);
  });

  it("the fixture template's limits reach the routes as declared", () => {
    const fixture = getTemplate(env, "sandlot-test")!.manifest;
    expect(appLimits(fixture)).toMatchObject({
      maxBodyBytes: 8192,
      maxFileBytes: 2048,
      storageBytesPerUser: 4096,
      storageBytesPerApp: 6144,
      requestsPerMinutePerUser: 600,
    });
    expect(appLimits(fixture).fileTypes).toContain("text/plain");
  });

  it("the schema's largest body and file sizes are exactly the platform caps", () => {
    const got = appLimits(manifest({ limits: { maxBodyBytes: 1_048_576, maxFileBytes: 25 * 1_048_576 } }));
    expect(got.maxBodyBytes).toBe(PLATFORM_CAPS.maxBodyBytes);
    expect(got.maxFileBytes).toBe(PLATFORM_CAPS.maxFileBytes);
    expect(PLATFORM_CAPS.maxFileBytes).toBe(25 * MiB);
  });

  it("I7: a manifest past the caps is refused by the schema, and clamped if one ever got through", () => {
    const over = { maxBodyBytes: 100 * MiB, maxFileBytes: 1024 * MiB };
    expect(manifestSchema.safeParse({ ...manifest(), limits: over }).success).toBe(false);
    // A manifest that skipped the schema (a registry or schema bug) still cannot raise the caps.
    const unchecked = { ...manifest(), limits: over } as Manifest;
    expect(appLimits(unchecked)).toMatchObject({ maxBodyBytes: 1 * MiB, maxFileBytes: 25 * MiB });
  });
});

describe("maxDocumentBytes", () => {
  it.each([
    [{}, 16 * KiB],
    [{ maxDocumentBytes: 64 }, 64],
    [{ maxDocumentBytes: 6000 }, 6000],
    [{ maxDocumentBytes: 64 * KiB }, 64 * KiB],
  ])("%j → %i", (limits, want) => {
    expect(maxDocumentBytes(collection(limits))).toBe(want);
  });

  // The schema refuses what the platform would not store, so a manifest cannot promise more (I7).
  it.each([64 * KiB + 1, 1_000_000])("a manifest asking for %i bytes is refused by the schema", (bytes) => {
    expect(() => collection({ maxDocumentBytes: bytes })).toThrow(/65536/);
    expect(PLATFORM_CAPS.maxDocumentBytes).toBe(64 * KiB);
  });
});

describe("maxDocumentsPerUser", () => {
  it.each([
    ["no limit at all", {}, [], Number.POSITIVE_INFINITY],
    ["no limit at all, with a plan", {}, ["pro"], Number.POSITIVE_INFINITY],
    ["a base limit, no plan", { maxDocumentsPerUser: 5 }, [], 5],
    [
      "a base limit, a plan without an override",
      { maxDocumentsPerUser: 5, maxDocumentsPerUserByPlan: { pro: 50 } },
      ["team"],
      5,
    ],
    [
      "a base limit and the plan's override",
      { maxDocumentsPerUser: 5, maxDocumentsPerUserByPlan: { pro: 50 } },
      ["pro"],
      50,
    ],
    [
      "two plans: the more generous wins",
      { maxDocumentsPerUser: 5, maxDocumentsPerUserByPlan: { pro: 50, team: 200 } },
      ["pro", "team"],
      200,
    ],
    [
      "two plans in the other order",
      { maxDocumentsPerUser: 5, maxDocumentsPerUserByPlan: { pro: 50, team: 200 } },
      ["team", "pro"],
      200,
    ],
    [
      "an override below the base never lowers it",
      { maxDocumentsPerUser: 5, maxDocumentsPerUserByPlan: { pro: 2 } },
      ["pro"],
      5,
    ],
    [
      "overrides without a base: the base is unlimited, so is everyone",
      { maxDocumentsPerUserByPlan: { pro: 50 } },
      ["pro"],
      Number.POSITIVE_INFINITY,
    ],
    [
      "a plan the manifest does not sell",
      { maxDocumentsPerUser: 5, maxDocumentsPerUserByPlan: { pro: 50 } },
      ["gold"],
      5,
    ],
  ])("%s", (_name, limits, plans, want) => {
    expect(maxDocumentsPerUser(collection(limits), plans)).toBe(want);
  });

  it("I7: a plan id that is also an Object.prototype name is not read from the prototype", () => {
    // "constructor" is a valid plan id; an override map that does not name it must not lend it
    // Object's constructor (which made the limit NaN, and `count >= NaN` never refuses).
    const plan = { ...PRO, id: "constructor" };
    const spec = collection({ maxDocumentsPerUser: 5, maxDocumentsPerUserByPlan: { pro: 50 } }, [PRO, plan]);
    expect(maxDocumentsPerUser(spec, ["constructor"])).toBe(5);
    expect(maxDocumentsPerUser(collection({ maxDocumentsPerUser: 5 }, [plan]), ["constructor"])).toBe(5);
    expect(
      maxDocumentsPerUser(
        collection({ maxDocumentsPerUser: 5, maxDocumentsPerUserByPlan: { constructor: 9 } }, [plan]),
        ["constructor"],
      ),
    ).toBe(9);
  });
});

describe("isUpload and forwardLimit (T17)", () => {
  const UPLOAD_CAP = 25 * MiB + 64 * KiB;

  it.each([
    ["/_api/files", true, UPLOAD_CAP],
    ["/_api/files/", false, 1 * MiB],
    ["/_api/files/abc", false, 1 * MiB],
    ["/_api/FILES", false, 1 * MiB],
    ["/_api/filesx", false, 1 * MiB],
    ["/_api/collections/files", false, 1 * MiB],
    ["/_api/auth/signup", false, 1 * MiB],
    ["/files", false, 1 * MiB],
    ["/", false, 1 * MiB],
  ])("%s: upload %s, body read under %i bytes", (path, upload, cap) => {
    expect(isUpload(path)).toBe(upload);
    expect(forwardLimit(path)).toBe(cap);
  });
});
