import { useStudioQuery } from "../lib/queries";
import { Link, Notice } from "./ui";

/** Limits and usage before the action, with the way up: the server enforces the same numbers. */

const GB = 1024 * 1024 * 1024;
const bytes = (n: number): string => (n >= GB ? `${Math.round(n / GB)} GB` : `${Math.round(n / (1024 * 1024))} MB`);

export interface AppUsage {
  plan: string;
  used: number;
  allowed: number;
  proApps: number | null;
}

/** The creator's plan, its app allowance and how many apps they have; null while loading. */
export function useAppUsage(): AppUsage | null {
  const plan = useStudioQuery("creatorPlan", "/api/billing/plan");
  const apps = useStudioQuery("apps", "/api/apps");
  if (!plan.isSuccess || !apps.isSuccess) return null;
  const pro = plan.data.plans.find((p) => p.id === "pro");
  return {
    plan: plan.data.plan,
    used: apps.data.apps.length,
    allowed: plan.data.allowance.apps,
    proApps: pro && pro.id !== plan.data.plan ? pro.allowance.apps : null,
  };
}

/** "2 of 3 apps on the Free plan", and when full, why Create is off and how to get more. */
export function AppAllowanceNote({ usage }: { usage: AppUsage | null }) {
  if (!usage) return null;
  const full = usage.used >= usage.allowed;
  const upgrade = usage.proApps ? (
    <>
      {" "}
      <Link to={{ name: "settings" }}>Upgrade to Pro</Link> for up to {usage.proApps} apps.
    </>
  ) : null;
  return (
    <Notice tone={full ? "warn" : "info"}>
      <span data-testid="app-allowance">
        {full
          ? `You have used all ${usage.allowed} apps your ${usage.plan} plan allows. Delete one you no longer need, or upgrade.`
          : `You have ${usage.used} of ${usage.allowed} apps on the ${usage.plan} plan.`}
        {upgrade}
      </span>
    </Notice>
  );
}

/** The account page's list of what the plan allows. */
export function PlanAllowance() {
  const plan = useStudioQuery("creatorPlan", "/api/billing/plan");
  const apps = useStudioQuery("apps", "/api/apps");
  if (!plan.isSuccess) return null;
  const a = plan.data.allowance;
  const pro = plan.data.plans.find((p) => p.id === "pro");
  return (
    <div className="stack" data-testid="plan-allowance">
      <ul className="plain-list">
        <li>Apps: {apps.isSuccess ? `${apps.data.apps.length} of ${a.apps}` : `up to ${a.apps}`}</li>
        <li>Storage: {bytes(a.storageBytes)} across your apps</li>
        <li>AI help: {a.aiTokensPerMonth.toLocaleString()} tokens a month</li>
      </ul>
      {pro && plan.data.plan !== "pro" && pro.price && (
        <p className="muted small">
          Pro: {pro.allowance.apps} apps, {bytes(pro.allowance.storageBytes)},{" "}
          {pro.allowance.aiTokensPerMonth.toLocaleString()} AI tokens a month, for $
          {(pro.price.amount / 100).toFixed(0)} a {pro.price.interval}.
        </p>
      )}
    </div>
  );
}
