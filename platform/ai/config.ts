import type { Env } from "../env";

/**
 * Which model the assistant talks to, read from the one Env (docs/ai.md). Only this module and
 * provider.ts read AI_API_KEY; what it answers to the studio (`AiStatus`) never carries it.
 */

export const AI_PROVIDERS = ["openai-compatible", "anthropic", "workers-ai"] as const;
export type AiProviderId = (typeof AI_PROVIDERS)[number];

export type AiConfig =
  | { configured: false; reason: string }
  | {
      configured: true;
      provider: AiProviderId;
      model: string;
      /** Unset for workers-ai (a binding) and for Anthropic's default endpoint. */
      baseUrl: string | undefined;
    };

const isProvider = (value: string): value is AiProviderId => (AI_PROVIDERS as readonly string[]).includes(value);

/** The assistant is on only when the provider, its model and what it needs to be reached are all set. */
export function aiConfig(env: Env): AiConfig {
  const provider = env.AI_PROVIDER?.trim() ?? "";
  if (provider === "") return { configured: false, reason: "AI_PROVIDER is not set" };
  if (!isProvider(provider))
    return { configured: false, reason: `AI_PROVIDER "${provider}" is not one of ${AI_PROVIDERS.join(", ")}` };
  const model = env.AI_MODEL?.trim() ?? "";
  if (model === "") return { configured: false, reason: "AI_MODEL is not set" };
  const baseUrl = env.AI_BASE_URL?.trim() || undefined;
  if (provider === "openai-compatible" && !baseUrl)
    return { configured: false, reason: "AI_BASE_URL is required for openai-compatible" };
  if (provider === "anthropic" && !env.AI_API_KEY)
    return { configured: false, reason: "AI_API_KEY is required for anthropic" };
  if (provider === "workers-ai" && !env.AI)
    return { configured: false, reason: "the AI binding is missing (wrangler.toml [ai])" };
  if (baseUrl) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      return { configured: false, reason: "AI_BASE_URL is not a URL" };
    }
    if (url.protocol !== "https:" && url.protocol !== "http:")
      return { configured: false, reason: "AI_BASE_URL must be http(s)" };
  }
  return { configured: true, provider, model, baseUrl };
}
