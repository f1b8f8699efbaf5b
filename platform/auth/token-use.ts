import { ApiError, badRequest } from "../errors";

/**
 * What presenting an email token (verification, password reset) came to, for app users and
 * creators alike, and the one way each refusal is answered (T26).
 */
export type TokenUse =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "expired" | "used" | "too_many_attempts" };

export const MAX_TOKEN_ATTEMPTS = 5;

export function tokenError(use: Exclude<TokenUse, { ok: true }>): ApiError {
  switch (use.reason) {
    case "expired":
      return new ApiError(410, "token_expired", "This link has expired. Ask for a new one.");
    case "used":
      return new ApiError(410, "token_used", "This link was already used. Ask for a new one.");
    case "too_many_attempts":
      return new ApiError(429, "too_many_attempts", "This link was tried too many times. Ask for a new one.");
    case "invalid":
      return badRequest("This link is not valid. Check that you copied all of it.", "invalid_token");
  }
}
