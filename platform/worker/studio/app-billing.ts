import { Hono } from "hono";
import { appStub } from "../stubs";
import type { StudioEnv } from "./context";
import { shape } from "./contract";
import { requireOwnedApp } from "./owned-app";

/** `/api/apps/:slug/billing/*`: an app's billing events and subscribers, for its creator only. */
export const appBillingRoutes = new Hono<StudioEnv>();

appBillingRoutes.get("/events", async (c) => {
  const app = await requireOwnedApp(c);
  return c.json(shape("billingEvents", { events: await appStub(c.env, app.id).billingEvents() }));
});

appBillingRoutes.get("/subscribers", async (c) => {
  const app = await requireOwnedApp(c);
  return c.json(shape("subscribers", { subscribers: await appStub(c.env, app.id).billingSubscribers() }));
});
