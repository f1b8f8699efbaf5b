import type { MiddlewareHandler } from "hono";
import { writeSessionCookie } from "../../auth/cookies";
import { entitlementsFor } from "../../billing/entitlements";
import { purchasesOf } from "../purchases";
import { sessionUserFrom, USER_COOKIE } from "../session-user";
import type { AppApiEnv } from "./context";

/** Identifies the end user (see sessionUserFrom) and what they may do: plans, creator status. */
export const loadUser: MiddlewareHandler<AppApiEnv> = async (c, next) => {
  const store = c.get("store");
  const now = Date.now();
  const { tokens, signedIn } = await sessionUserFrom(store, c.env, c.req.header("cookie"), now);
  const row = signedIn?.user;
  c.set("presentedTokens", tokens);
  c.set("user", row);
  c.set("sessionToken", signedIn?.token);
  const entitlements = row ? entitlementsFor(store.db, c.get("manifest"), row.id, now) : { plans: [], grants: [] };
  c.set("entitlements", entitlements);
  // Verification matters: anyone can sign up with the creator's address, only the creator can confirm it.
  const creatorEmail = c.get("identity").creatorEmail?.toLowerCase();
  const isCreator =
    row !== undefined && row.emailVerifiedAt !== null && creatorEmail !== undefined && row.email === creatorEmail;
  const manifest = c.get("manifest");
  // Read only when the app sells something: most apps never pay for this query.
  const bought =
    row && Object.keys(manifest.products).length > 0
      ? purchasesOf(store.db, manifest.products, row.id)
      : { products: [], documents: [] };
  c.set("purchases", bought);
  c.set("subject", {
    userId: row?.id ?? null,
    plans: entitlements.plans,
    isCreator,
    emailVerified: row !== undefined && row.emailVerifiedAt !== null,
    purchases: bought.products,
    purchasedDocuments: bought.documents,
  });
  if (signedIn?.renewed) writeSessionCookie(c, USER_COOKIE, signedIn.token, signedIn.session.expiresAt);
  await next();
};
