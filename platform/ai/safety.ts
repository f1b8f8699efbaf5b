import { SECRET_PATTERNS } from "../../sandbox/build/secrets";

/**
 * What crosses between the creator, the model and the studio is data (I1, T41): invisible and
 * bidirectional controls are removed from what the creator sends and from what the model writes
 * (a "Trojan Source" line reads differently than it runs), pasted credentials are cut out of a
 * message before any model or database sees it, and the platform's own key is redacted from
 * anything that leaves, even split across stream chunks.
 */

/**
 * Bidi embeddings/overrides/isolates and marks, zero-width space, word joiner, BOM, soft hyphen,
 * and the tag block. ZWJ/ZWNJ stay: emoji sequences and Persian/Indic text need them.
 */
const INVISIBLE =
  /[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/gu;

export function stripInvisible(text: string): { text: string; removed: number } {
  let removed = 0;
  const out = text.replace(INVISIBLE, () => {
    removed += 1;
    return "";
  });
  return { text: out, removed };
}

export const CREDENTIAL_PLACEHOLDER = "[credential removed]";

/** Cuts credential-shaped strings (the builder's own list) out of a creator's message. */
export function removeCredentials(text: string): { text: string; labels: string[] } {
  const labels: string[] = [];
  let out = text;
  for (const p of SECRET_PATTERNS) {
    const re = new RegExp(p.regex.source, p.regex.flags);
    out = out.replace(re, () => {
      if (!labels.includes(p.label)) labels.push(p.label);
      return CREDENTIAL_PLACEHOLDER;
    });
  }
  return { text: out, labels };
}

export const REDACTED = "[redacted]";

/** Replaces every occurrence of each secret (≥ 8 characters) in a finished string. */
export function redactAll(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 8) out = out.split(s).join(REDACTED);
  return out;
}

/**
 * Redacts secrets from a text that arrives in pieces. It holds back only the tail of what it has
 * seen that could still become a secret (a suffix that is a prefix of one), so ordinary text
 * passes through without delay.
 */
export class StreamRedactor {
  private pending = "";
  constructor(private readonly secrets: readonly string[]) {}

  push(piece: string): string {
    const text = redactAll(this.pending + piece, this.secrets);
    const hold = this.heldTail(text);
    this.pending = text.slice(text.length - hold);
    return text.slice(0, text.length - hold);
  }

  flush(): string {
    const out = redactAll(this.pending, this.secrets);
    this.pending = "";
    return out;
  }

  private heldTail(text: string): number {
    let hold = 0;
    for (const s of this.secrets) {
      if (s.length < 8) continue;
      for (let n = Math.min(s.length - 1, text.length); n > hold; n--) {
        if (text.endsWith(s.slice(0, n))) {
          hold = n;
          break;
        }
      }
    }
    return hold;
  }
}
