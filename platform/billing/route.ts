import type Stripe from "stripe";
import { findAppById } from "../apps/queries";
import type { Env } from "../env";
import { connectionOf } from "./connect";
import { META } from "./facts";

/**
 * Where a verified event goes: exactly one app, the creator-plan ledger, or nowhere. Metadata is
 * a claim, so it is cross-checked against D1: the app must exist, and an event from a connected
 * account (`event.account`) must come from the account of the creator who owns that app (T38). A
 * creator controls metadata on objects in their own Stripe account, so without this check they
 * could name someone else's app; they cannot make Stripe sign an event from someone else's account
 * or from the platform's own.
 */

export interface RoutedApp {
  id: string;
  templateId: string;
  creatorId: string;
}

export type Route =
  | { kind: "app"; app: RoutedApp }
  | { kind: "creator"; creatorId: string; plan: string }
  | { kind: "ignore"; reason: string };

export async function routeEvent(
  env: Pick<Env, "DB">,
  event: Pick<Stripe.Event, "account">,
  metadata: Record<string, string>,
): Promise<Route> {
  const appId = metadata[META.appId];
  if (appId) {
    const app = await findAppById(env.DB, appId);
    if (!app) return { kind: "ignore", reason: "unknown_app" };
    if (event.account && (await connectionOf(env.DB, app.creatorId)).accountId !== event.account) {
      return { kind: "ignore", reason: "account_mismatch" };
    }
    return { kind: "app", app: { id: app.id, templateId: app.templateId, creatorId: app.creatorId } };
  }
  const creatorId = metadata[META.creatorId];
  if (creatorId) {
    // Creator plans are sold on the platform's own account only.
    if (event.account) return { kind: "ignore", reason: "connect_event_for_creator_plan" };
    const plan = metadata[META.creatorPlan];
    if (!plan) return { kind: "ignore", reason: "unknown_subscription" };
    return { kind: "creator", creatorId, plan };
  }
  return { kind: "ignore", reason: "no_route" };
}
