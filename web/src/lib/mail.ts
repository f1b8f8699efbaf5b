/** Reading the dev mail outbox defensively (shape owned by the platform), and linkifying text. */

export interface MailItem {
  id: string;
  to: string;
  subject: string;
  text: string;
  sentAt: number | string | null;
}

const rec = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {});
const s = (v: unknown): string => (typeof v === "string" ? v : "");

export function parseOutbox(body: unknown): MailItem[] {
  const b = rec(body);
  const list = [b.messages, b.outbox, b.mail, b.emails, b.items].find(Array.isArray) as unknown[] | undefined;
  if (!list) return [];
  return list.map((raw, i) => {
    const m = rec(raw);
    const to = Array.isArray(m.to) ? m.to.map(s).join(", ") : s(m.to);
    const text = s(m.text) || s(m.body) || stripTags(s(m.html));
    const at = m.sentAt ?? m.createdAt ?? m.at ?? null;
    return {
      id: s(m.id) || String(i),
      to,
      subject: s(m.subject) || "(no subject)",
      text,
      sentAt: typeof at === "number" || typeof at === "string" ? at : null,
    };
  });
}

/** Text only: tags dropped, common entities decoded. Never rendered as HTML. */
export function stripTags(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

/** Split text into plain parts and http(s) links (for clickable verify/reset links). */
export function linkify(text: string): TextPart[] {
  const out: TextPart[] = [];
  const re = /\bhttps?:\/\/[^\s<>"')\]]+/g;
  let at = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
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
