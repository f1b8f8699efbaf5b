/**
 * App slugs become hostnames (`<slug>.<APPS_DOMAIN>`), so a slug is a security decision (T46):
 * it must be a plain DNS label, must not be a name people would trust as the platform's own, and
 * must not look like one. Pure; no I/O.
 */

export type SlugCheck = { ok: true; slug: string } | { ok: false; reason: string };

export const SLUG_MIN = 3;
export const SLUG_MAX = 40;

/** Names that are, or could pass for, the platform's own hosts and pages. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  "www",
  "api",
  "studio",
  "admin",
  "administrator",
  "app",
  "apps",
  "mail",
  "email",
  "smtp",
  "static",
  "assets",
  "cdn",
  "docs",
  "doc",
  "help",
  "support",
  "status",
  "billing",
  "pay",
  "payment",
  "payments",
  "checkout",
  "login",
  "logout",
  "signin",
  "signup",
  "register",
  "auth",
  "oauth",
  "sso",
  "account",
  "accounts",
  "dashboard",
  "console",
  "root",
  "sandlot",
  "sandlots",
  "test",
  "dev",
  "staging",
  "prod",
  "preview",
  "webhook",
  "webhooks",
  "security",
  "abuse",
  "postmaster",
  "hostmaster",
  "webmaster",
  "official",
  "system",
  "internal",
  "blog",
  "news",
  "legal",
  "privacy",
  "terms",
  "about",
  "contact",
  "home",
  "ns1",
  "ns2",
  "ftp",
  "localhost",
  "stripe",
  "vendor",
  "null",
  "undefined",
]);

/**
 * Characters that stand in for others in a glance: digits for letters, `rn` for `m`, `vv` for `w`.
 * `i`, `l` and `1` all collapse to one letter because fonts make them interchangeable.
 */
const GLYPHS: Readonly<Record<string, string>> = {
  "0": "o",
  "1": "l",
  i: "l",
  "3": "e",
  "4": "a",
  "5": "s",
  "6": "b",
  "7": "t",
  "8": "b",
  "9": "g",
  "2": "z",
};

/** The shape a name has to a hurried reader: hyphens dropped, lookalikes collapsed. */
export function skeleton(name: string): string {
  const flat = name.toLowerCase().replaceAll("-", "").replaceAll("rn", "m").replaceAll("vv", "w").replaceAll("cl", "d");
  let out = "";
  for (const ch of flat) out += GLYPHS[ch] ?? ch;
  return out;
}

/** Levenshtein distance, stopping early past `max` (names are short). */
function withinDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return false;
    prev = cur;
  }
  return (prev[b.length] ?? max + 1) <= max;
}

const RESERVED_SKELETONS: ReadonlyMap<string, string> = new Map([...RESERVED_SLUGS].map((r) => [skeleton(r), r]));

/** The reserved name a slug imitates, if any. */
export function imitatedReservedName(slug: string): string | undefined {
  const shape = skeleton(slug);
  const exact = RESERVED_SKELETONS.get(shape);
  if (exact) return exact;
  // A digit or hyphen near a longer reserved name is a disguise ("st0dio", "admin-1", "billing2");
  // plain words one letter away ("studios") are ordinary names and stay allowed.
  if (!/[0-9-]/.test(slug)) return undefined;
  for (const [reservedShape, name] of RESERVED_SKELETONS) {
    if (name.length >= 5 && withinDistance(shape, reservedShape, 1)) return name;
  }
  return undefined;
}

/**
 * Validates a requested slug. The reason is a sentence for the person choosing it: the studio
 * shows it as a hint while they type, the CLI before it asks, and the server when it refuses.
 */
export function checkSlug(raw: unknown): SlugCheck {
  if (typeof raw !== "string" || raw.length === 0)
    return { ok: false, reason: "Pick a short web address for your app." };
  const slug = raw;
  if (slug.length < SLUG_MIN)
    return { ok: false, reason: `Use at least ${SLUG_MIN} characters (${SLUG_MIN}–${SLUG_MAX}).` };
  if (slug.length > SLUG_MAX)
    return { ok: false, reason: `Use at most ${SLUG_MAX} characters (${SLUG_MIN}–${SLUG_MAX}).` };
  if (/[A-Z]/.test(slug)) return { ok: false, reason: "Use lowercase letters only." };
  if (!/^[a-z0-9-]+$/.test(slug)) {
    return { ok: false, reason: "Use only lowercase letters a–z, digits and hyphens (no spaces or accents)." };
  }
  if (slug.startsWith("xn--")) {
    return {
      ok: false,
      reason: "Names starting with xn-- (punycode) are not allowed: they can disguise lookalike letters.",
    };
  }
  if (slug.startsWith("-") || slug.endsWith("-")) return { ok: false, reason: "It can't start or end with a hyphen." };
  if (slug.includes("--")) return { ok: false, reason: "No two hyphens in a row." };
  if (RESERVED_SLUGS.has(slug)) return { ok: false, reason: `"${slug}" is reserved; pick another name.` };
  const imitated = imitatedReservedName(slug);
  if (imitated) {
    return { ok: false, reason: `"${slug}" looks too much like the reserved name "${imitated}"; pick another name.` };
  }
  return { ok: true, slug };
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
