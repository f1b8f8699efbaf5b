import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { AppObject } from "../../../platform/object/app-object";
import { appStoreOf, type AppStore } from "../../../platform/object/store";
import { appStub } from "../../../platform/worker/stubs";
import { subscriptions } from "../../../platform/db/do-schema";
import { tokenFromMail } from "../../../platform/mail/messages";
import { appOrigin, Client, json } from "../../helpers/client";
import { seedApp } from "../../helpers/seed";

/** Shared set-up for app-plane tests: apps from the fixture template, users, plans, mail. */

export const PASSWORD = "correct-horse-battery-staple";

export interface TestApp {
  slug: string;
  appId: string;
  origin: string;
  client(): Client;
}

export async function makeApp(
  slug: string,
  templateId = "sandlot-test",
  options: { creatorEmail?: string } = {},
): Promise<TestApp> {
  const { appId } = await seedApp({ slug, templateId, ...options });
  return { slug, appId, origin: appOrigin(slug), client: () => new Client(appOrigin(slug)) };
}

export interface TestUser {
  id: string;
  email: string;
  client: Client;
}

/** Signs a new user up (one argon2id hash, ~0.5 s: keep these few). */
export async function signUp(app: TestApp, email: string): Promise<TestUser> {
  const client = app.client();
  const res = await client.post("/_api/auth/signup", { email, password: PASSWORD });
  expect(res.status).toBe(201);
  const body = await json<{ user: { id: string } }>(res);
  return { id: body.user.id, email, client };
}

/** Signs up and confirms the address from the outbox mail (the `creator` rule needs a verified email). */
export async function signUpVerified(app: TestApp, email: string): Promise<TestUser> {
  const user = await signUp(app, email);
  const token = await latestToken(app, email, "verify");
  expect(token).toBeTruthy();
  expect((await user.client.post("/_api/auth/verify", { token })).status).toBe(200);
  return user;
}

/** Writes a subscription row the way the verified webhook path would (I4). */
export async function grantPlan(app: TestApp, userId: string, plan: string, status = "active"): Promise<void> {
  await inObject(app, (store) => {
    store.db
      .insert(subscriptions)
      .values({
        id: `sub_${crypto.randomUUID()}`,
        userId,
        plan,
        status,
        currentPeriodEnd: Date.now() + 86_400_000,
        paidThrough: Date.now() + 86_400_000,
        eventCreated: 1,
        eventId: `evt_${crypto.randomUUID()}`,
        updatedAt: Date.now(),
      })
      .run();
  });
}

export async function latestToken(app: TestApp, to: string, kind: "verify" | "reset"): Promise<string | null> {
  const mails = await appStub(env, app.appId).readOutbox(50);
  const mail = mails.find((m) => m.to === to && m.kind === kind);
  return mail ? tokenFromMail(mail.text) : null;
}

/** Runs `fn` inside the app's Durable Object against its own storage, as handlers see it. */
export async function inObject<R>(app: TestApp, fn: (store: AppStore) => R | Promise<R>): Promise<R> {
  return runInDurableObject(appStub(env, app.appId), async (_object: AppObject, state) =>
    fn(appStoreOf(state.storage)),
  );
}

export interface ErrorBodyShape {
  error: { code: string; message: string; requestId?: string };
}

export async function errorOf(res: Response): Promise<ErrorBodyShape["error"]> {
  return (await json<ErrorBodyShape>(res)).error;
}

/** Two error responses are "the same answer" when status, code and message match (ids differ). */
export async function sameAnswer(a: Response, b: Response): Promise<void> {
  expect(a.status).toBe(b.status);
  const [ea, eb] = [await errorOf(a), await errorOf(b)];
  expect({ code: ea.code, message: ea.message }).toEqual({ code: eb.code, message: eb.message });
}
