/**
 * The page a refused sign-in lands on, on the app's own origin: said plainly, with the way back.
 * Plain text only (every value escaped), no script, so the app's CSP holds.
 */

const CSS = [
  "body{font:16px/1.5 system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;",
  "background:#f6f5f2;color:#222}main{max-width:30rem;padding:2rem;text-align:center}h1{font-size:1.4rem}",
  "a{color:#1d4ed8}",
].join("");

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

export function signInRefusedPage(title: string, message: string, status: 400 | 403 | 404 | 502 | 503): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${CSS}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>
<p><a href="/">Back to the app</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      // The callback URL carries the code: it is never sent on as a referrer.
      "Referrer-Policy": "no-referrer",
    },
  });
}
