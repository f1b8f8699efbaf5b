/** Mail bodies are plain text (the outbox sends `text`); this makes their http(s) links clickable. */

export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

/** Split text into plain parts and http(s) links (for clickable verify/reset links). */
export function linkify(text: string): TextPart[] {
  const out: TextPart[] = [];
  const re = /\bhttps?:\/\/[^\s<>"')\]]+/g;
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > at) out.push({ kind: "text", text: text.slice(at, m.index) });
    let url = m[0];
    const trail = /[.,;:!?]+$/.exec(url)?.[0] ?? "";
    if (trail) url = url.slice(0, -trail.length);
    try {
      const u = new URL(url);
      out.push({ kind: "link", text: url, href: u.href });
    } catch {
      out.push({ kind: "text", text: url });
    }
    if (trail) out.push({ kind: "text", text: trail });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ kind: "text", text: text.slice(at) });
  return out;
}
