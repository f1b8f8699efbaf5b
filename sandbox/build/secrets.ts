/**
 * Credential-shaped strings (T01, I1). One list, used on app sources and on the built output.
 * Messages never echo the matched value: a problem report must not become the leak.
 */

export interface SecretPattern {
  id: string;
  /** Human name used in the problem message. */
  label: string;
  /** Safe-to-show prefix (never the secret itself). */
  hint: string;
  /** Must be global ("g"). */
  regex: RegExp;
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    id: "stripe_secret_key",
    label: "Stripe secret or restricted key",
    hint: "sk_/rk_live_/test_…",
    regex: /\b[sr]k_(?:live|test)_[0-9A-Za-z]{10,}/g,
  },
  {
    id: "stripe_webhook_secret",
    label: "Stripe webhook signing secret",
    hint: "whsec_…",
    regex: /\bwhsec_[0-9A-Za-z+/=]{10,}/g,
  },
  { id: "aws_access_key", label: "AWS access key id", hint: "AKIA…", regex: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  {
    id: "private_key",
    label: "private key (PEM)",
    hint: "-----BEGIN … PRIVATE KEY-----",
    regex: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/g,
  },
  {
    id: "github_token",
    label: "GitHub token",
    hint: "ghp_/github_pat_…",
    regex: /\b(?:gh[pousr]_[0-9A-Za-z]{30,}|github_pat_[0-9A-Za-z_]{30,})/g,
  },
  { id: "slack_token", label: "Slack token", hint: "xox?-…", regex: /\bxox[baprs]-[0-9A-Za-z-]{10,}/g },
  { id: "google_api_key", label: "Google API key", hint: "AIza…", regex: /\bAIza[0-9A-Za-z_-]{35}/g },
  {
    id: "jwt",
    label: "signed token (JWT)",
    hint: "eyJ….eyJ….…",
    regex: /\beyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{20,}/g,
  },
];

export interface SecretHit {
  patternId: string;
  label: string;
  hint: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** 0-based offset into the scanned text. */
  index: number;
}

/** Offsets where each line starts; lineOf() turns an offset into 1-based line/column. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function lineOf(starts: readonly number[], index: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: index - (starts[lo] ?? 0) + 1 };
}

/** Every credential-shaped match in `text`, in order of position. */
export function scanSecrets(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  let starts: number[] | undefined;
  for (const p of SECRET_PATTERNS) {
    const re = new RegExp(p.regex.source, p.regex.flags.includes("g") ? p.regex.flags : `${p.regex.flags}g`);
    for (const m of text.matchAll(re)) {
      starts ??= lineStarts(text);
      const index = m.index ?? 0;
      const { line, column } = lineOf(starts, index);
      hits.push({ patternId: p.id, label: p.label, hint: p.hint, line, column, index });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

export function secretMessage(hit: SecretHit): string {
  return `this looks like a ${hit.label} (${hit.hint}). Secrets must never be in app code: they would be visible to every visitor. Keep keys on the server.`;
}
