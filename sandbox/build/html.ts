/**
 * index.html generation: the template's locked index.html with hashed script/style tags
 * inserted. No inline script is ever added (apps run under CSP script-src 'self').
 */

export interface HtmlRefs {
  /** Absolute URL paths ("/assets/app-X.js"). */
  scripts: string[];
  styles: string[];
  /** Vendor modules the app imports, preloaded so they fetch in parallel. */
  modulePreloads: string[];
}

function attr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Dev-style entry tags pointing at sources (Vite's <script type="module" src="/src/main.tsx">) are removed. */
const SOURCE_ENTRY =
  /[ \t]*<script\b[^>]*\bsrc\s*=\s*["']?\.?\/?src\/[^"'\s>]*["']?[^>]*>\s*<\/script>[ \t]*(?:\r?\n)?/gi;

export function renderHtml(template: string, refs: HtmlRefs): string {
  const tags = [
    ...refs.modulePreloads.map((u) => `<link rel="modulepreload" href="${attr(u)}">`),
    ...refs.styles.map((u) => `<link rel="stylesheet" href="${attr(u)}">`),
    ...refs.scripts.map((u) => `<script type="module" src="${attr(u)}"></script>`),
  ].join("\n    ");
  const html = template.replace(SOURCE_ENTRY, "");
  const head = /<\/head\s*>/i.exec(html);
  if (head) return `${html.slice(0, head.index)}  ${tags}\n  ${html.slice(head.index)}`;
  const body = /<body\b/i.exec(html);
  if (body) return `${html.slice(0, body.index)}<head>\n    ${tags}\n  </head>\n${html.slice(body.index)}`;
  return `${tags}\n${html}`;
}
