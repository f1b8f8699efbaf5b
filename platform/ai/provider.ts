import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { createWorkersAI } from "workers-ai-provider";
import type { Env } from "../env";
import type { AiConfig } from "./config";

/**
 * The language model for a configured assistant, through the Vercel AI SDK. The API key goes into
 * the provider's request headers and nowhere else.
 */
export function languageModel(env: Env, config: Extract<AiConfig, { configured: true }>): LanguageModel {
  switch (config.provider) {
    case "openai-compatible":
      return createOpenAICompatible({
        name: "openai-compatible",
        baseURL: config.baseUrl ?? "",
        ...(env.AI_API_KEY ? { apiKey: env.AI_API_KEY } : {}),
        // Usage in the stream's last chunk: what metering settles to.
        includeUsage: true,
      })(config.model);
    case "anthropic":
      return createAnthropic({
        apiKey: env.AI_API_KEY ?? "",
        ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
      })(config.model);
    case "workers-ai":
      // aiConfig checked the binding is there.
      return createWorkersAI({ binding: env.AI as Ai })(
        config.model as Parameters<ReturnType<typeof createWorkersAI>>[0],
      );
  }
}
