// Issue #9 item 7: the app's own name, set in the studio, reaches the app (GET /_api/app, which
// useApp() and the page title read) and every mail it sends; the slug never changes. Also the
// `creator` flag on /me that lets the kit offer the creator their own pages.
import { beforeAll, describe, expect, it } from "vitest";
import { appOrigin, Client, json, STUDIO_ORIGIN } from "../helpers/client";
import { createApp, FIXTURE } from "./apps-helpers";

const slug = "named-app";
const creatorEmail = "namer@example.com";
const password = "correct horse battery staple";
let creator: Client;

beforeAll(async () => {
  creator = new Client(STUDIO_ORIGIN);
  expect((await creator.post("/api/auth/signup", { email: creatorEmail, password })).status).toBe(201);
  await createApp(creator, slug, FIXTURE);
});

const appName = async (): Promise<unknown> => json(await new Client(appOrigin(slug)).get("/_api/app"));

describe("the app's name", () => {
  it("GET /_api/app answers anyone with the name and slug", async () => {
    expect(await appName()).toEqual({ app: { name: `App ${slug}`, slug } });
  });

  it("a rename shows at once, without a republish; the slug stays", async () => {
    const res = await creator.patch(`/api/apps/${slug}`, { name: "TaskNest for Teams" });
    expect(res.status).toBe(200);
    expect((await json<{ app: { name: string; slug: string } }>(res)).app).toMatchObject({
      name: "TaskNest for Teams",
      slug,
    });
    expect(await appName()).toEqual({ app: { name: "TaskNest for Teams", slug } });
  });

  it("refuses an empty name in plain words, and anyone else's rename, changing nothing", async () => {
    const empty = await creator.patch(`/api/apps/${slug}`, { name: "   " });
    expect(empty.status).toBe(400);
    expect((await json<{ error: { message: string } }>(empty)).error.message).toBe("Give the app a name.");
    const slugChange = await creator.patch(`/api/apps/${slug}`, { name: "X", slug: "other" });
    expect(slugChange.status).toBe(400);
    const stranger = new Client(STUDIO_ORIGIN);
    await stranger.post("/api/auth/signup", { email: "not-the-owner@example.com", password });
    expect((await stranger.patch(`/api/apps/${slug}`, { name: "Mine now" })).status).toBe(404);
    expect(await appName()).toEqual({ app: { name: "TaskNest for Teams", slug } });
  });

  it("mails name the app, and the verified creator is told they are the creator", async () => {
    const user = new Client(appOrigin(slug));
    expect((await user.post("/_api/auth/signup", { email: creatorEmail, password })).status).toBe(201);
    const me = await json<{ creator: boolean }>(await user.get("/_api/auth/me"));
    // Not yet: the creator rule needs the verified address.
    expect(me.creator).toBe(false);
    const outbox = await json<{ messages: Array<{ to: string; subject: string; text: string }> }>(
      await creator.get(`/api/apps/${slug}/outbox?copy=live`),
    );
    const mail = outbox.messages.find((m) => m.to === creatorEmail);
    expect(mail?.subject).toBe("Confirm your email for TaskNest for Teams");
    const token = /#sandlot_verify=([a-z2-7.]+)/.exec(mail?.text ?? "")?.[1];
    expect((await user.post("/_api/auth/verify", { token })).status).toBe(200);
    expect((await json<{ creator: boolean }>(await user.get("/_api/auth/me"))).creator).toBe(true);
  });
});
