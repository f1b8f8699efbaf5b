import type { AiStatus } from "./useAssistant";

const fmt = new Intl.NumberFormat("en");

/** "12,340 / 200,000 tokens this month · resets on 1 Jan" */
export function UsageLine({ usage }: { usage: AiStatus["usage"] }) {
  const resets = new Date(usage.resetsAt).toLocaleDateString(undefined, {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  const left = Math.max(0, usage.limitTokens - usage.usedTokens);
  return (
    <p className="ai-usage" data-testid="ai-usage">
      <span>
        {fmt.format(usage.usedTokens)} / {fmt.format(usage.limitTokens)} tokens this month
      </span>
      <span aria-hidden="true"> · </span>
      <span>resets on {resets}</span>
      {left === 0 && <strong className="ai-usage-out"> · allowance used up</strong>}
    </p>
  );
}
