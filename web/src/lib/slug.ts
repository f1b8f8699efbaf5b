/**
 * Live hints while a person types an app's web address, from the platform's own slug rules
 * (platform/apps/slug.ts), so the studio never says yes to a name the server refuses. Only
 * hints: the server checks again on create.
 */
import { checkSlug } from "../../../platform/apps/slug";

export { SLUG_MAX, SLUG_MIN, slugFromName } from "../../../platform/apps/slug";

export interface SlugHint {
  ok: boolean;
  /** Plain-language hint; empty when the slug looks fine. */
  message: string;
}

export function slugHint(slug: string): SlugHint {
  const check = checkSlug(slug);
  return check.ok ? { ok: true, message: "" } : { ok: false, message: check.reason };
}

/** The live address an app gets, for display: "<slug>.<apps domain>". */
export function appHost(slug: string, studioHost: string): string {
  return `${slug || "your-app"}.${studioHost}`;
}
