/**
 * The platform's own plans for creators: what a creator may use, and what it costs. Configuration
 * as code, so a change is reviewed; limits are enforced on the server by whoever owns the resource
 * (apps: studio/apps.ts, AI: the AI proxy) through `creatorAllowance`.
 */

export interface CreatorAllowance {
  /** Apps a creator may own. */
  apps: number;
  /** AI tokens (input + output) per calendar month, summed over all the creator's apps. */
  aiTokensPerMonth: number;
  /** R2 bytes for bundles and uploads across all the creator's apps. */
  storageBytes: number;
}

export interface CreatorPlan {
  id: CreatorPlanId;
  name: string;
  /** Null: not for sale (the default plan). */
  price: { amount: number; currency: string; interval: "month" | "year" } | null;
  allowance: CreatorAllowance;
}

export type CreatorPlanId = "free" | "pro";

const GB = 1024 * 1024 * 1024;

export const CREATOR_PLANS: Readonly<Record<CreatorPlanId, CreatorPlan>> = {
  free: {
    id: "free",
    name: "Free",
    price: null,
    allowance: { apps: 3, aiTokensPerMonth: 200_000, storageBytes: 1 * GB },
  },
  pro: {
    id: "pro",
    name: "Pro",
    price: { amount: 2000, currency: "usd", interval: "month" },
    allowance: { apps: 50, aiTokensPerMonth: 5_000_000, storageBytes: 50 * GB },
  },
};

export const DEFAULT_CREATOR_PLAN: CreatorPlanId = "free";

export function isCreatorPlanId(value: string): value is CreatorPlanId {
  return Object.hasOwn(CREATOR_PLANS, value);
}

/** An unknown stored plan gets the free allowance rather than failing open. */
export function creatorAllowance(plan: string): CreatorAllowance {
  return isCreatorPlanId(plan) ? CREATOR_PLANS[plan].allowance : CREATOR_PLANS[DEFAULT_CREATOR_PLAN].allowance;
}

/** A plan a creator can buy: known and priced. */
export function purchasableCreatorPlan(plan: string): CreatorPlan | null {
  return isCreatorPlanId(plan) && CREATOR_PLANS[plan].price !== null ? CREATOR_PLANS[plan] : null;
}
