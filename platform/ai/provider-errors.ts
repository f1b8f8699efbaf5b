import { APICallError } from "ai";

/**
 * A model failure in words a creator can act on. Built from the status and kind only: provider
 * error bodies and messages can carry request details (even a key a proxy echoed), so none of
 * their text is ever passed on (T41).
 */
export function plainModelError(error: unknown): string {
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === 401 || status === 403)
      return (
        "The AI provider refused the platform's credentials. " +
        "The operator needs to check AI_API_KEY; nothing was changed."
      );
    if (status === 429)
      return "The AI provider is rate-limiting requests right now. Try again in a minute; nothing was changed.";
    if (status !== undefined && status >= 500)
      return `The AI provider had an error (HTTP ${status}). Try again; nothing was changed.`;
    if (status !== undefined) return `The AI provider rejected the request (HTTP ${status}). Nothing was changed.`;
    return "The AI provider could not be reached. Try again; nothing was changed.";
  }
  return "The model's answer could not be read. Try again; nothing was changed.";
}
