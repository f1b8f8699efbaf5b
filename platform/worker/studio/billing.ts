import { Hono } from "hono";
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { z } from "zod";
import { appStub } from "../stubs";
import { connectCreator, refreshConnection } from "../../billing/connect";
import { startCreatorCheckout } from "../../billing/creator-checkout";
import { CREATOR_PLANS, creatorAllowance } from "../../billing/creator-plans";
import { apps } from "../../db/d1-schema";
import { ApiError, notFound } from "../../errors";
import { jsonBody } from "../../http/body";
import { requireCreator, type StudioContext, type StudioEnv } from "./context";

/**
 * Billing in the studio: the creator's Stripe connection and platform plan (`/api/billing`), and
 * each app's billing events and subscribers (`/api/apps/:slug/billing`, own apps only).
 */
export const creatorBillingRoutes = new Hono<StudioEnv>();
export const appBillingRoutes = new Hono<StudioEnv>();

const studioOrigin = (c: StudioContext): string => `${c.env.ENVIRONMENT === "production" ? "https:" : new URL(c.req.url).protocol}//${c.env.STUDIO_HOST}`;

creatorBillingRoutes.get("/connect", async (c) => {
  const creator = requireCreator(c);
  const connection = await refreshConnection(c.env, creator.id, Date.now());
  return c.json({ connection: { state: connection.state, accountId: connection.accountId } });
});

creatorBillingRoutes.post("/connect", async (c) => {
  const creator = requireCreator(c);
  const result = await connectCreator(c.env, creator, studioOrigin(c), Date.now());
  if (!result.ok) throw new ApiError(result.code === "payments_unavailable" ? 503 : 502, result.code, result.message);
  return c.json({ connection: { state: result.connection.state, accountId: result.connection.accountId }, url: result.onboardingUrl });
});

creatorBillingRoutes.get("/plan", (c) => {
  const creator = requireCreator(c);
  return c.json({ plan: creator.plan, allowance: creatorAllowance(creator.plan), plans: Object.values(CREATOR_PLANS) });
});

const checkoutSchema = z.object({ plan: z.string().min(1).max(64) }).strict();

creatorBillingRoutes.post("/checkout", async (c) => {
  const creator = requireCreator(c);
  const { plan } = await jsonBody(c.req.raw, checkoutSchema);
  const result = await startCreatorCheckout(c.env, creator, plan, studioOrigin(c), Date.now());
  if (!result.ok) throw new ApiError(result.status, result.code, result.message);
  return c.json({ url: result.url });
});

/** Another creator's app answers exactly like a missing one. */
async function ownAppId(c: StudioContext): Promise<string> {
  const creator = requireCreator(c);
  const slug = c.req.param("slug") ?? "";
  const row = await drizzle(c.env.DB).select({ id: apps.id }).from(apps).where(and(eq(apps.slug, slug), eq(apps.creatorId, creator.id))).get();
  if (!row) throw notFound("No such app.");
  return row.id;
}

appBillingRoutes.get("/:slug/billing/events", async (c) => {
  const events = await appStub(c.env, await ownAppId(c)).billingEvents();
  return c.json({ events });
});

appBillingRoutes.get("/:slug/billing/subscribers", async (c) => {
  const subscribers = await appStub(c.env, await ownAppId(c)).billingSubscribers();
  return c.json({ subscribers });
});
