import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { argon2RunCount } from "../../platform/auth/password";
import type { Env } from "../../platform/env";
import worker from "../../platform/index";
import { tokenFromMail } from "../../platform/mail/messages";
import { Client, json, STUDIO_ORIGIN } from "../helpers/client";
import { errorOf } from "./helpers/app";

/**
 * Creator accounts a business can trust: a password change or reset ends every other session and
 * revokes every API token (T25); reset links are single-use, expire, burn after guesses, use the
 * configured origin and die when the password changes (T26); tokens are shown once.
 */

const PASSWORD = "correct horse battery staple";
const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;

interface Account {
  email: string;
  browser: Client;
}

async function account(label: string): Promise<Account> {
  const email = `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const browser = new Client(STUDIO_ORIGIN);
  expect((await browser.post("/api/auth/signup", { email, password: PASSWORD })).status).toBe(201);
  return { email, browser };
}

async function signIn(email: string, password = PASSWORD): Promise<Client> {
  const c = new Client(STUDIO_ORIGIN);
  const res = await c.post("/api/auth/login", { email, password });
  expect(res.status, await res.clone().text()).toBe(200);
  return c;
}

async function newToken(c: Client, name = "laptop"): Promise<string> {
  const res = await c.post("/api/tokens", { name });
  expect(res.status).toBe(201);
  return (await json<{ token: string }>(res)).token;
}

const bearer = (token: string): Client => {
  const c = new Client(STUDIO_ORIGIN);
  return new Proxy(c, {
    get(target, prop, receiver) {
      if (prop === "get")
        return (path: string) => target.fetch(path, { method: "GET", headers: { authorization: `Bearer ${token}` } });
      if (prop === "post")
        return (path: string, body?: unknown) =>
          target.fetch(path, {
            method: "POST",
            headers: { authorization: `Bearer ${token}` },
            ...(body === undefined ? {} : { json: body }),
          });
      return Reflect.get(target, prop, receiver);
    },
  });
};

async function resetLink(email: string): Promise<string | null> {
  const res = await new Client(STUDIO_ORIGIN).get("/api/dev/outbox?limit=50");
  expect(res.status).toBe(200);
  const { messages } = await json<{ messages: Array<{ to: string; text: string; kind: string }> }>(res);
  const mail = messages.find((m) => m.to === email && m.kind === "reset");
  return mail ? tokenFromMail(mail.text) : null;
}

describe("T25 change password: every other session and every API token ends", () => {
  it("wrong current password is 401 and changes nothing; the right one keeps only this browser signed in", async () => {
    const a = await account("change");
    const laptop = await signIn(a.email);
    const token = await newToken(a.browser);
    expect((await bearer(token).get("/api/auth/me")).status).toBe(200);

    const wrong = await a.browser.post("/api/auth/password", {
      currentPassword: "not it at all",
      newPassword: "a new long passphrase",
    });
    expect(wrong.status).toBe(401);
    expect((await laptop.get("/api/auth/me")).status).toBe(200);

    const ok = await a.browser.post("/api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "a new long passphrase",
    });
    expect(ok.status).toBe(200);
    expect((await json<{ creator: { email: string } }>(ok)).creator.email).toBe(a.email);
    expect((await a.browser.get("/api/auth/me")).status).toBe(200);
    expect((await laptop.get("/api/auth/me")).status).toBe(401);
    expect((await bearer(token).get("/api/auth/me")).status).toBe(401);
    expect((await a.browser.get("/api/tokens").then((r) => json<{ tokens: unknown[] }>(r))).tokens).toEqual([]);
    expect(
      (await new Client(STUDIO_ORIGIN).post("/api/auth/login", { email: a.email, password: PASSWORD })).status,
    ).toBe(401);
    await signIn(a.email, "a new long passphrase");
  });

  it("an API token cannot change the password or sign the creator out everywhere", async () => {
    const a = await account("token-cannot");
    const token = await newToken(a.browser);
    const change = await bearer(token).post("/api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "a new long passphrase",
    });
    expect(change.status).toBe(403);
    expect((await errorOf(change)).code).toBe("session_required");
    const everywhere = await new Client(STUDIO_ORIGIN).fetch("/api/auth/sessions", {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(everywhere.status).toBe(403);
    expect((await a.browser.get("/api/auth/me")).status).toBe(200);
  });
});

describe("T25 sign out everywhere", () => {
  it("ends this session and every other; API tokens stay until revoked one by one", async () => {
    const a = await account("everywhere");
    const phone = await signIn(a.email);
    const token = await newToken(a.browser);
    const res = await a.browser.delete("/api/auth/sessions");
    expect(res.status).toBe(204);
    expect((await a.browser.get("/api/auth/me")).status).toBe(401);
    expect((await phone.get("/api/auth/me")).status).toBe(401);
    expect((await bearer(token).get("/api/auth/me")).status).toBe(200);
  });
});

describe("API tokens", () => {
  it("are shown once, listed with their last use, and revoked at once", async () => {
    const a = await account("tokens");
    const token = await newToken(a.browser, "ci");
    const list = async () =>
      (await json<{ tokens: Array<Record<string, unknown>> }>(await a.browser.get("/api/tokens"))).tokens;
    const [before] = await list();
    expect(Object.keys(before!).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name"]);
    expect(JSON.stringify(await list())).not.toContain(token.split(".")[1]);
    expect(before!.lastUsedAt).toBeNull();
    expect((await bearer(token).get("/api/apps")).status).toBe(200);
    const [after] = await list();
    expect(after!.lastUsedAt).toEqual(expect.any(Number));
    expect((await a.browser.delete(`/api/tokens/${after!.id as string}`)).status).toBe(204);
    expect((await bearer(token).get("/api/apps")).status).toBe(401);
  });
});

describe("T26 forgotten password by mail", () => {
  it("the same answer for any address; the mail links to the configured studio origin, never the Host the request named", async () => {
    const a = await account("reset-words");
    const known = await new Client(STUDIO_ORIGIN).post(
      "/api/auth/reset/request",
      { email: a.email },
      { headers: { "x-forwarded-host": "evil.example" } },
    );
    const unknown = await new Client(STUDIO_ORIGIN).post("/api/auth/reset/request", {
      email: "nobody-at-all@example.com",
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
    const res = await new Client(STUDIO_ORIGIN).get("/api/dev/outbox?limit=50");
    const mails = (await json<{ messages: Array<{ to: string; text: string }> }>(res)).messages;
    const mail = mails.find((m) => m.to === a.email)!;
    expect(mail.text).toContain(`http://${env.STUDIO_HOST}/reset-password#sandlot_reset=`);
    expect(mail.text).not.toContain("evil");
    expect(mails.some((m) => m.to === "nobody-at-all@example.com")).toBe(false);
  });

  it("a reset ends every session and token, works once, and the new password signs in", async () => {
    const a = await account("reset");
    const laptop = await signIn(a.email);
    const token = await newToken(a.browser);
    await new Client(STUDIO_ORIGIN).post("/api/auth/reset/request", { email: a.email });
    const link = (await resetLink(a.email))!;
    expect(link).toBeTruthy();
    const done = await new Client(STUDIO_ORIGIN).post("/api/auth/reset", {
      token: link,
      password: "brand new passphrase",
    });
    expect(done.status).toBe(200);
    expect((await a.browser.get("/api/auth/me")).status).toBe(401);
    expect((await laptop.get("/api/auth/me")).status).toBe(401);
    expect((await bearer(token).get("/api/auth/me")).status).toBe(401);
    await signIn(a.email, "brand new passphrase");
    const again = await new Client(STUDIO_ORIGIN).post("/api/auth/reset", {
      token: link,
      password: "another new passphrase",
    });
    expect(again.status).toBe(410);
    expect((await errorOf(again)).code).toBe("token_used");
  });

  it("bogus and guessed tokens answer without a hash (T49); five wrong secrets burn the link", async () => {
    const a = await account("reset-guess");
    await new Client(STUDIO_ORIGIN).post("/api/auth/reset/request", { email: a.email });
    const link = (await resetLink(a.email))!;
    const [id] = link.split(".");
    const before = argon2RunCount();
    for (let i = 0; i < 5; i++) {
      const res = await new Client(STUDIO_ORIGIN).post("/api/auth/reset", {
        token: `${id}.${"a".repeat(31)}${"bcdef"[i]}`,
        password: "brand new passphrase",
      });
      expect(res.status).toBe(400);
    }
    expect(
      (await new Client(STUDIO_ORIGIN).post("/api/auth/reset", { token: "garbage", password: "brand new passphrase" }))
        .status,
    ).toBe(400);
    const real = await new Client(STUDIO_ORIGIN).post("/api/auth/reset", {
      token: link,
      password: "brand new passphrase",
    });
    expect(real.status).toBe(429);
    expect((await errorOf(real)).code).toBe("too_many_attempts");
    expect(argon2RunCount()).toBe(before);
  });

  it("an expired link is 410; a newer link, or a password change, ends the older one", async () => {
    const a = await account("reset-old");
    await new Client(STUDIO_ORIGIN).post("/api/auth/reset/request", { email: a.email });
    const first = (await resetLink(a.email))!;
    await env.DB.prepare("UPDATE creator_email_tokens SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1, first.split(".")[0])
      .run();
    const expired = await new Client(STUDIO_ORIGIN).post("/api/auth/reset", {
      token: first,
      password: "brand new passphrase",
    });
    expect(expired.status).toBe(410);
    expect((await errorOf(expired)).code).toBe("token_expired");

    await new Client(STUDIO_ORIGIN).post("/api/auth/reset/request", { email: a.email });
    const second = (await resetLink(a.email))!;
    await new Client(STUDIO_ORIGIN).post("/api/auth/reset/request", { email: a.email });
    const third = (await resetLink(a.email))!;
    expect(third).not.toBe(second);
    expect(
      (await new Client(STUDIO_ORIGIN).post("/api/auth/reset", { token: second, password: "brand new passphrase" }))
        .status,
    ).toBe(410);

    expect(
      (await a.browser.post("/api/auth/password", { currentPassword: PASSWORD, newPassword: "changed in the studio" }))
        .status,
    ).toBe(200);
    const afterChange = await new Client(STUDIO_ORIGIN).post("/api/auth/reset", {
      token: third,
      password: "an attackers passphrase",
    });
    expect(afterChange.status).toBe(410);
    await signIn(a.email, "changed in the studio");
  });

  it("the studio outbox exists only in development (T51)", async () => {
    const prod = { ...(env as unknown as Env), ENVIRONMENT: "production" };
    const res = await worker.fetch(new Request(`${STUDIO_ORIGIN}/api/dev/outbox`), prod, ctx);
    expect(res.status).toBe(404);
  });
});
