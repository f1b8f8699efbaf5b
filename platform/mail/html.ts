/**
 * The HTML part of a mail, made from its plain text: the words are the text's own (messages.ts
 * owns them); this only escapes them, keeps paragraphs and turns links into links. Mail clients
 * run no script and most block remote images, so the markup is plain and self-contained.
 */

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch);

const CARD_STYLE = [
  "max-width:32rem;margin:0 auto;background:#fff;border-radius:8px;padding:24px",
  "font:16px/1.5 system-ui,-apple-system,sans-serif;color:#1a1a1a",
].join(";");

const LINK = /\bhttps?:\/\/[^\s<>"']+/g;

function paragraph(text: string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    out += escapeHtml(text.slice(last, m.index));
    const url = m[0];
    out += `<a href="${escapeHtml(url)}" style="color:#1a56db;word-break:break-all">${escapeHtml(url)}</a>`;
    last = m.index + url.length;
  }
  out += escapeHtml(text.slice(last));
  return `<p style="margin:0 0 16px">${out.replaceAll("\n", "<br>")}</p>`;
}

export function htmlFromText(text: string, options: { title: string }): string {
  const body = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map(paragraph)
    .join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(options.title)}</title></head>
<body style="margin:0;padding:24px;background:#f6f5f2"><div style="${CARD_STYLE}">
${body}
</div></body></html>`;
}
