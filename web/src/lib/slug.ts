/**
 * Live hints while a person types an app's web address. Only hints: the server decides (it also
 * refuses reserved and lookalike names, which the studio does not try to predict).
 */

export const SLUG_MIN = 3;
export const SLUG_MAX = 40;

export interface SlugHint {
  ok: boolean;
  /** Plain-language hint; empty when the slug looks fine. */
  message: string;
}

export function slugHint(slug: string): SlugHint {
  if (slug.length === 0) return { ok: false, message: "Pick a short web address for your app." };
  if (/[A-Z]/.test(slug)) return { ok: false, message: "Use lowercase letters only." };
  if (!/^[a-z0-9-]+$/.test(slug)) return { ok: false, message: "Use only letters a–z, digits and hyphens (no spaces or accents)." };
  if (slug.length < SLUG_MIN) return { ok: false, message: `At least ${SLUG_MIN} characters.` };
  if (slug.length > SLUG_MAX) return { ok: false, message: `At most ${SLUG_MAX} characters.` };
  if (slug.startsWith("-") || slug.endsWith("-")) return { ok: false, message: "It can't start or end with a hyphen." };
  if (slug.startsWith("xn--")) return { ok: false, message: "Names starting with xn-- are not allowed." };
  if (slug.includes("--")) return { ok: false, message: "No two hyphens in a row." };
  return { ok: true, message: "" };
}

/** A suggested slug from an app name: "Léa's Yoga Studio!" → "leas-yoga-studio". */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, "");
}

/** The live address an app gets, for display: "<slug>.<apps domain>". */
export function appHost(slug: string, studioHost: string): string {
  return `${slug || "your-app"}.${studioHost}`;
}
