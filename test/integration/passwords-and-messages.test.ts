// Item 10 of issue #9: a weak password is refused wherever one is chosen (NIST 800-63B asks for a
// check against commonly used passwords), and validation messages are sentences for people.
import { beforeAll, describe, expect, it } from "vitest";
import { Client, json, STUDIO_ORIGIN } from "../helpers/client";
import { errorOf, latestToken, makeApp, PASSWORD, signUp, type TestApp } from "../attacks/helpers/app";
import { COMMON_PASSWORD_COUNT, isCommonPassword } from "../../platform/auth/common-passwords";

let app: TestApp;
beforeAll(async () => {
  app = await makeApp("weakpw");
});

describe("common passwords", () => {
  it("the list holds 10,000 passwords and matches without case", () => {
    expect(COMMON_PASSWORD_COUNT).toBe(10_000);
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("PassWord1")).toBe(true);
    expect(isCommonPassword("qwertyuiop")).toBe(true);
    expect(isCommonPassword(PASSWORD)).toBe(false);
  });

  it("a creator cannot sign up with `password`; the message says why in plain words", async () => {
    const res = await new Client(STUDIO_ORIGIN).post("/api/auth/signup", {
      email: "weak-creator@example.com",
      password: "password",
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("invalid");
    expect(error.message).toMatch(/^That password is one of the most common ones/);
    // Nothing was created: the same address can still sign up with a good password.
    const again = await new Client(STUDIO_ORIGIN).post("/api/auth/signup", {
      email: "weak-creator@example.com",
      password: PASSWORD,
    });
    expect(again.status).toBe(201);
  });

  it("an end user cannot sign up, reset or change to a common password", async () => {
    const refused = await app.client().post("/_api/auth/signup", { email: "weak@example.com", password: "iloveyou1" });
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).message).toMatch(/most common/);

    const user = await signUp(app, "weak-later@example.com");
    const change = await user.client.post("/_api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "baseball",
    });
    expect(change.status).toBe(400);
    expect((await errorOf(change)).message).toMatch(/most common/);

    await app.client().post("/_api/auth/reset/request", { email: user.email });
    const token = await latestToken(app, user.email, "reset");
    const reset = await app.client().post("/_api/auth/reset", { token, password: "football" });
    expect(reset.status).toBe(400);
    expect((await errorOf(reset)).message).toMatch(/most common/);
    // The refusal left the link working for a good password.
    const good = await app.client().post("/_api/auth/reset", { token, password: "a new and long passphrase" });
    expect(good.status).toBe(200);
  });
});

describe("validation messages are written for people", () => {
  it("a short password: `Use at least 8 characters`, no field path", async () => {
    const res = await app.client().post("/_api/auth/signup", { email: "short@example.com", password: "short" });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toBe("Use at least 8 characters for your password.");
  });

  it("a bad email and a missing field", async () => {
    const bad = await app.client().post("/_api/auth/signup", { email: "not-an-email", password: PASSWORD });
    expect((await errorOf(bad)).message).toBe("Enter an email address like name@example.com.");
    const missing = await app.client().post("/_api/auth/reset/request", {});
    expect((await errorOf(missing)).message).toBe("Email is required.");
  });

  it("a document field: the field's name in words", async () => {
    const user = await signUp(app, "fields@example.com");
    const res = await user.client.post("/_api/collections/notes", { title: 42 });
    expect(res.status).toBe(400);
    const body = await json<{ error: { message: string } }>(res);
    expect(body.error.message).toBe("Title should be a string.");
    expect(body.error.message).not.toMatch(/^title:/);
  });
});
