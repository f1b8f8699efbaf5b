import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { decodeCursor, encodeCursor, type CursorPosition } from "./cursor";

/**
 * Pagination cursors (T19, T10): a signed position bound to one collection and one list scope.
 * Every refusal is the same 400 `invalid_cursor`, whatever was wrong with it.
 */

const SECRET = "unit-test-cursor-key-0123456789";
const BIND = { collection: "posts", scope: "all" };
const POS: CursorPosition = { createdAt: 1_900_000_000_123, id: "0f8fad5b-d9cb-469f-a165-70867728950e" };

const enc = new TextEncoder();
const b64 = (text: string): string => encodeBase64urlNoPadding(enc.encode(text));

/** Signs any payload text the way cursor.ts signs its own, to show what is checked after the MAC. */
async function signRaw(payload: string, options: { secret?: string; prefix?: string } = {}): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(options.secret ?? SECRET),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, enc.encode(`${options.prefix ?? "sandlot-cursor-v1."}${payload}`)),
  );
  return `${payload}.${encodeBase64urlNoPadding(mac)}`;
}

async function refused(cursor: string, bind = BIND, secret: string | undefined = SECRET): Promise<void> {
  const err = await decodeCursor(secret, bind, cursor).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `accepted ${cursor.slice(0, 60)}`).toBeInstanceOf(ApiError);
  expect({ status: (err as ApiError).status, code: (err as ApiError).code }).toEqual({
    status: 400,
    code: "invalid_cursor",
  });
}

describe("round trip", () => {
  it.each([
    ["a document position", POS],
    ["time zero", { createdAt: 0, id: "a" }],
    ["the largest safe time", { createdAt: Number.MAX_SAFE_INTEGER, id: "z".repeat(64) }],
    ["a negative time", { createdAt: -1, id: "id-with_odd.chars:/?" }],
  ])("%s decodes to what was encoded", async (_name, pos) => {
    const cursor = await encodeCursor(SECRET, BIND, pos);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await decodeCursor(SECRET, BIND, cursor)).toEqual(pos);
  });

  it("an owner-scoped cursor decodes in the same owner's scope", async () => {
    const bind = { collection: "notes", scope: "owner:user_1" };
    expect(await decodeCursor(SECRET, bind, await encodeCursor(SECRET, bind, POS))).toEqual(POS);
  });
});

describe("T19: tampered cursors", () => {
  it("a payload rewritten to another position, with the original MAC, is refused", async () => {
    const [, mac] = (await encodeCursor(SECRET, BIND, POS)).split(".");
    const forged = b64(JSON.stringify({ v: 1, c: "posts", s: "all", t: 0, i: POS.id }));
    await refused(`${forged}.${mac}`);
  });

  it("every single-character change to payload or MAC is refused", async () => {
    const cursor = await encodeCursor(SECRET, BIND, POS);
    const dot = cursor.indexOf(".");
    // One position in each part, plus both ends: each changed to a different base64url character.
    for (const i of [0, Math.floor(dot / 2), dot - 1, dot + 1, dot + 20, cursor.length - 1]) {
      const swapped = cursor[i] === "A" ? "B" : "A";
      await refused(cursor.slice(0, i) + swapped + cursor.slice(i + 1));
    }
  });

  it("a truncated MAC, a missing part, or another cursor's MAC is refused", async () => {
    const cursor = await encodeCursor(SECRET, BIND, POS);
    const [payload, mac] = cursor.split(".") as [string, string];
    const [, otherMac] = (await encodeCursor(SECRET, BIND, { ...POS, id: "other" })).split(".");
    for (const bad of [
      `${payload}.${mac.slice(0, -1)}`,
      `${payload}.${mac.slice(0, 22)}`,
      payload,
      `.${mac}`,
      `${payload}.`,
      `${payload}.${otherMac}`,
      `${mac}.${payload}`,
    ])
      await refused(bad);
  });

  it("a cursor signed with another secret is refused", async () => {
    await refused(await encodeCursor("another-deployment-secret-0000", BIND, POS));
  });

  it("a MAC over the bare payload (no domain prefix) is refused", async () => {
    const [payload] = (await encodeCursor(SECRET, BIND, POS)).split(".") as [string];
    await refused(await signRaw(payload, { prefix: "" }));
  });
});

describe("T10, T19: a cursor is bound to its collection and scope", () => {
  it.each([
    ["another collection", { collection: "notes", scope: "all" }],
    ["a collection differing in case", { collection: "Posts", scope: "all" }],
    ["an owner's scope", { collection: "posts", scope: "owner:user_1" }],
  ])("a cursor for posts/all is refused in %s", async (_name, bind) => {
    await refused(await encodeCursor(SECRET, BIND, POS), bind);
  });

  it("one owner's cursor is refused in another owner's list and in the unscoped list", async () => {
    const mine = await encodeCursor(SECRET, { collection: "notes", scope: "owner:user_1" }, POS);
    await refused(mine, { collection: "notes", scope: "owner:user_2" });
    await refused(mine, { collection: "notes", scope: "all" });
  });
});

describe("garbage", () => {
  it.each([
    "",
    ".",
    "..",
    "a",
    "a.b.c",
    "a..b",
    "' OR 1=1 --",
    "eyJ2IjoxfQ==.AAAA",
    "abc+/def.ghi",
    "abc.de f",
    "abc.déf",
    "abc.def\n",
    "abc.A",
    "x".repeat(600),
  ])("%j is refused", async (cursor) => {
    await refused(cursor);
  });

  it("a validly signed cursor over 512 characters is refused by length alone", async () => {
    const long = await encodeCursor(SECRET, BIND, { createdAt: 1, id: "i".repeat(400) });
    expect(long.length).toBeGreaterThan(512);
    await refused(long);
  });
});

describe("signed but malformed payloads (checked after the MAC)", () => {
  const good = { v: 1, c: "posts", s: "all", t: 5, i: "doc" };

  it("the signing format is what cursor.ts produces (the cases below are not vacuous)", async () => {
    expect(await decodeCursor(SECRET, BIND, await signRaw(b64(JSON.stringify(good))))).toEqual({
      createdAt: 5,
      id: "doc",
    });
  });

  it.each([
    ["another version", { ...good, v: 2 }],
    ["an extra field", { ...good, owner: "user_2" }],
    ["a fractional time", { ...good, t: 1.5 }],
    ["a time as text", { ...good, t: "5" }],
    ["an id over 64 characters", { ...good, i: "i".repeat(65) }],
    ["no id", { v: 1, c: "posts", s: "all", t: 5 }],
    ["no collection", { v: 1, s: "all", t: 5, i: "doc" }],
    ["an array", [1, "posts", "all", 5, "doc"]],
    ["null", null],
  ])("%s is refused", async (_name, payload) => {
    await refused(await signRaw(b64(JSON.stringify(payload))));
  });

  it("a payload that is not JSON, or not even base64url-decodable, is refused", async () => {
    await refused(await signRaw(b64("not json")));
    await refused(await signRaw("A"));
  });
});

describe("deployment without a secret", () => {
  it.each([undefined, "", "fifteen-chars!!"])(
    "secret %j: encoding and decoding refuse with 500, never sign with it",
    async (secret) => {
      for (const attempt of [
        () => encodeCursor(secret, BIND, POS),
        async () => decodeCursor(secret, BIND, await encodeCursor(SECRET, BIND, POS)),
      ]) {
        const err = await attempt().then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(ApiError);
        expect({ status: (err as ApiError).status, code: (err as ApiError).code }).toEqual({
          status: 500,
          code: "internal",
        });
      }
    },
  );

  it("sixteen characters is enough", async () => {
    const secret = "sixteen-chars-ok";
    expect(secret).toHaveLength(16);
    expect(await decodeCursor(secret, BIND, await encodeCursor(secret, BIND, POS))).toEqual(POS);
  });
});
