import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { creatorStripeAccounts } from "../db/d1-schema";
import type { Env } from "../env";
import { devFeaturesEnabled } from "../environment";
import { billingFailure, paymentsUnavailable, type BillingFailure } from "./failure";
import { stripeClient } from "./stripe-client";

/**
 * A creator's Stripe Connect account: the money from their app's users goes there, minus the
 * platform fee. Without Stripe keys (dev) a creator is "connected" to the dev provider, so the
 * whole flow can be tried locally.
 */

export type ConnectionState = "none" | "pending" | "connected" | "dev";

export interface Connection {
  state: ConnectionState;
  /** Only for the owner's own view; never shown to app users. */
  accountId: string | null;
}

export async function connectionOf(db: D1Database, creatorId: string): Promise<Connection> {
  const row = await drizzle(db)
    .select()
    .from(creatorStripeAccounts)
    .where(eq(creatorStripeAccounts.creatorId, creatorId))
    .get();
  return row ? { state: row.state, accountId: row.stripeAccountId } : { state: "none", accountId: null };
}

async function saveConnection(
  db: D1Database,
  creatorId: string,
  accountId: string,
  state: "pending" | "connected" | "dev",
  now: number,
): Promise<void> {
  await drizzle(db)
    .insert(creatorStripeAccounts)
    .values({ creatorId, stripeAccountId: accountId, state, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: creatorStripeAccounts.creatorId,
      set: { stripeAccountId: accountId, state, updatedAt: now },
    });
}

export type ConnectResult = { ok: true; connection: Connection; onboardingUrl: string | null } | BillingFailure;

/**
 * Starts or resumes onboarding. Real mode: one Express account per creator (reused on a second
 * call) and a fresh account link; Stripe tells us when charges are enabled via `account.updated`,
 * and `refreshConnection` asks directly when the creator comes back.
 */
export async function connectCreator(
  env: Env,
  creator: { id: string; email: string },
  studioOrigin: string,
  now: number,
): Promise<ConnectResult> {
  const current = await connectionOf(env.DB, creator.id);
  const stripe = stripeClient(env);
  if (!stripe) {
    if (!devFeaturesEnabled(env)) return paymentsUnavailable();
    const accountId = current.accountId ?? `acct_dev_${creator.id.replaceAll("-", "").slice(0, 16)}`;
    await saveConnection(env.DB, creator.id, accountId, "dev", now);
    return { ok: true, connection: { state: "dev", accountId }, onboardingUrl: null };
  }
  try {
    let accountId = current.state === "dev" ? null : current.accountId;
    if (!accountId) {
      const account = await stripe.accounts.create({
        type: "express",
        email: creator.email,
        capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
        metadata: { sandlot_creator_id: creator.id },
      });
      accountId = account.id;
      await saveConnection(env.DB, creator.id, accountId, account.charges_enabled ? "connected" : "pending", now);
    }
    const link = await stripe.accountLinks.create({
      account: accountId,
      type: "account_onboarding",
      refresh_url: `${studioOrigin}/billing?connect=refresh`,
      return_url: `${studioOrigin}/billing?connect=done`,
    });
    return { ok: true, connection: await connectionOf(env.DB, creator.id), onboardingUrl: link.url };
  } catch (err) {
    console.error("connect: stripe call failed", err instanceof Error ? err.message : err);
    return billingFailure(502, "stripe_error", "Stripe did not accept the request. Try again in a minute.");
  }
}

/** Re-reads the account from Stripe so the studio shows the truth after onboarding. */
export async function refreshConnection(env: Env, creatorId: string, now: number): Promise<Connection> {
  const current = await connectionOf(env.DB, creatorId);
  const stripe = stripeClient(env);
  if (!stripe || current.state !== "pending" || !current.accountId) return current;
  try {
    const account = await stripe.accounts.retrieve(current.accountId);
    if (account.charges_enabled) await saveConnection(env.DB, creatorId, current.accountId, "connected", now);
  } catch (err) {
    console.error("connect: refresh failed", err instanceof Error ? err.message : err);
  }
  return connectionOf(env.DB, creatorId);
}
