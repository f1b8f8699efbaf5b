import { describe, expect, it } from "vitest";
import { appOrigin, Client, json } from "../helpers/client";
import { tokenFromMail } from "../../platform/mail/messages";
import { createApp, signedInCreator } from "./apps-helpers";

const user = { email: "preview-user@example.com", password: "correct horse battery staple" };

/** The studio preview talks to a separate copy of the app's data, through the studio origin. */
describe("preview data proxy", () => {
  it("forwards to a preview copy: its sessions live under the preview path and never reach the real app", async () => {
    const c = await signedInCreator("previewer");
    await createApp(c, "preview-app");
    const signup = await c.post("/api/apps/preview-app/preview/_api/auth/signup", user);
    expect(signup.status, await signup.clone().text()).toBe(201);
    const cookies = signup.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const line of cookies) {
      expect(line).toMatch(/^sandlot_preview\./);
      expect(line).toContain("Path=/api/apps/preview-app/preview/");
      expect(line).not.toMatch(/Domain=/i);
      expect(line).not.toMatch(/Path=\/;/);
    }
    const me = await c.get("/api/apps/preview-app/preview/_api/auth/me");
    expect(me.status).toBe(200);
    expect((await json<{ user: { email: string } }>(me)).user.email).toBe(user.email);

    // The real app has never heard of this user: preview data is a different Durable Object.
    const real = new Client(appOrigin("preview-app"));
    expect((await real.post("/_api/auth/login", user)).status).toBe(401);
    expect((await real.post("/_api/auth/signup", user)).status).toBe(201);
  });

  it("needs a signed-in creator and refuses cross-site calls", async () => {
    const c = await signedInCreator("previewer2");
    await createApp(c, "preview-two");
    expect((await new Client("http://localhost:8787").get("/api/apps/preview-two/preview/_api/auth/me")).status).toBe(
      401,
    );
    const cross = await c.post("/api/apps/preview-two/preview/_api/auth/signup", user, {
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(cross.status).toBe(403);
  });
});

describe("preview identity", () => {
  it("knows the app's creator, so `creator` rules work in the preview as they do live", async () => {
    const c = await signedInCreator("preview-maker");
    const email = (await json<{ creator: { email: string } }>(await c.get("/api/auth/me"))).creator.email;
    await createApp(c, "preview-maker-app", "sandlot-test");
    const base = "/api/apps/preview-maker-app/preview/_api";
    expect((await c.post(`${base}/auth/signup`, { email, password: "correct horse battery staple" })).status).toBe(201);
    // Unverified, the address proves nothing.
    expect((await c.post(`${base}/collections/announcements`, { title: "hello" })).status).toBe(403);
    expect((await c.post(`${base}/auth/verify/request`, {})).status).toBeLessThan(300);
    const outbox = await json<{ messages: Array<{ to: string; kind: string; text: string }> }>(
      await c.get("/api/apps/preview-maker-app/outbox?copy=preview"),
    );
    const mail = outbox.messages.find((m) => m.to === email && m.kind === "verify");
    const token = mail ? tokenFromMail(mail.text) : null;
    expect(token).toBeTruthy();
    expect((await c.post(`${base}/auth/verify`, { token })).status).toBe(200);
    expect((await c.post(`${base}/collections/announcements`, { title: "hello" })).status).toBe(201);
  });
});

describe("outbox", () => {
  it("shows the creator the mail their app sent, and nobody else", async () => {
    const c = await signedInCreator("mailer");
    await createApp(c, "mail-app");
    const empty = await c.get("/api/apps/mail-app/outbox");
    expect(empty.status).toBe(200);
    expect((await json<{ messages: unknown[] }>(empty)).messages).toEqual([]);
    expect((await c.get("/api/apps/mail-app/outbox?limit=0")).status).toBe(400);
    expect((await c.get("/api/apps/mail-app/outbox?copy=prod")).status).toBe(400);
    expect((await c.get("/api/apps/mail-app/outbox?copy=preview")).status).toBe(200);
    const other = await signedInCreator("nosy");
    expect((await other.get("/api/apps/mail-app/outbox")).status).toBe(404);
  });
});
