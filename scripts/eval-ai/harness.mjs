// The eval harness (issue #12 §10): sends fixed prompts to a running platform's assistant and
// measures what v0 measures — proposals that build on the first try, within 3 rounds, that render
// in headless Chromium without a runtime error, and tokens per successful proposal. It talks to
// the platform only through the studio's public HTTP API, exactly like the studio does.

/** A studio session: cookie jar of one, same-origin fetch metadata. */
export class Studio {
  constructor(base) {
    this.base = base;
    this.cookie = "";
    // One client per session, as at the edge (198.18.0.0/15: benchmarking, never a real client).
    this.ip = `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
  }
  async call(method, path, body) {
    const headers = { "sec-fetch-site": "same-origin", "cf-connecting-ip": this.ip };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(new URL(path, this.base), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie?.() ?? []) {
      const pair = line.split(";")[0];
      if (pair.startsWith("sandlot_session=")) this.cookie = pair;
    }
    return res;
  }
  async json(method, path, body) {
    const res = await this.call(method, path, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }
}

/** Reads one chat turn's UI message stream, timing the first text token as it arrives. */
export async function streamTurn(studio, slug, body) {
  const sent = Date.now();
  const res = await studio.call("POST", `/api/apps/${slug}/ai/chat`, body);
  if (!res.ok) return { status: res.status, error: (await res.text()).slice(0, 300) };
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const turn = {
    status: res.status,
    firstTextAt: null,
    text: "",
    proposal: null,
    errors: [],
    repairs: [],
    usage: null,
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    const events = buffer.split("\n\n");
    buffer = events.pop() ?? "";
    for (const event of events) {
      const line = event.split("\n").find((l) => l.startsWith("data: "));
      if (!line || line === "data: [DONE]") continue;
      const chunk = JSON.parse(line.slice(6));
      if (chunk.type === "text-delta") {
        turn.firstTextAt ??= Date.now();
        turn.text += chunk.delta;
      } else if (chunk.type === "data-proposal") turn.proposal = chunk.data;
      else if (chunk.type === "data-repair") turn.repairs.push(chunk.data);
      else if (chunk.type === "data-usage") turn.usage = chunk.data;
      else if (chunk.type === "error") turn.errors.push(chunk.errorText);
    }
  }
  turn.sentAt = sent;
  turn.endedAt = Date.now();
  return turn;
}

/** Loads a published app in Chromium; answers the runtime errors it reported (none = it rendered). */
export async function renderErrors(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    // A signed-out visitor's session probe answers 401 by design; that is not a runtime error.
    if (m.type() === "error" && !/Failed to load resource: .* 401/.test(m.text())) errors.push(m.text());
  });
  try {
    const res = await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    if (!res?.ok()) errors.push(`HTTP ${res?.status() ?? "no response"}`);
    // Let React mount and the first data requests settle.
    await page.waitForTimeout(1500);
    const text = (await page.textContent("body")) ?? "";
    if (text.trim() === "") errors.push("empty page");
  } finally {
    await page.close();
  }
  return errors;
}

/**
 * Runs every prompt of `prompts` ({templateId: [{blank, message}]}). For each: a fresh app, one
 * turn; a proposal is accepted, published and loaded from its own origin in `browser`.
 * `appUrl(slug)` gives the app's origin. Answers one result per prompt.
 */
export async function runEval({ studioUrl, appUrl, prompts, browser, onResult }) {
  const results = [];
  let n = 0;
  for (const [template, list] of Object.entries(prompts)) {
    // A creator per template: the free plan's app allowance is small.
    const studio = new Studio(studioUrl);
    const email = `eval-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    await studio.json("POST", "/api/auth/signup", { email, password: "eval harness password 1" });
    const status = await studio.json("GET", "/api/ai");
    if (!status.configured) throw new Error("the assistant is not configured on this platform (docs/ai.md)");
    for (const prompt of list) {
      n += 1;
      const slug = `eval-${Date.now().toString(36)}-${n}`;
      await studio.json("POST", "/api/apps", { slug, template, name: `Eval ${n}` });
      const turn = await streamTurn(studio, slug, { message: prompt.message, blank: prompt.blank });
      const result = {
        template,
        blank: prompt.blank,
        message: prompt.message,
        status: turn.status,
        built: Boolean(turn.proposal),
        rounds: turn.proposal?.rounds ?? null,
        tokens: turn.usage?.tokens ?? null,
        error: turn.errors?.[0] ?? turn.error ?? null,
        firstTextAt: turn.firstTextAt ?? null,
        sentAt: turn.sentAt ?? null,
        renderErrors: null,
      };
      if (turn.proposal) {
        await studio.json("POST", `/api/apps/${slug}/ai/proposals/${turn.proposal.proposalId}/accept`);
        const published = await studio.call("POST", `/api/apps/${slug}/publish`);
        if (!published.ok)
          result.renderErrors = [`publish ${published.status}: ${(await published.text()).slice(0, 200)}`];
        else if (browser) result.renderErrors = await renderErrors(browser, appUrl(slug));
      }
      results.push(result);
      onResult?.(result);
    }
  }
  return results;
}

/** The report's numbers from the results. */
export function summarize(results) {
  const total = results.length;
  const built = results.filter((r) => r.built);
  const firstTry = built.filter((r) => r.rounds === 0).length;
  const rendered = built.filter((r) => Array.isArray(r.renderErrors) && r.renderErrors.length === 0).length;
  const tokens = built.map((r) => r.tokens ?? 0);
  const tokensPerSuccess = tokens.length > 0 ? Math.round(tokens.reduce((a, b) => a + b, 0) / tokens.length) : null;
  return { total, firstTry, withinThreeRounds: built.length, rendered, tokensPerSuccess };
}

export function formatReport(results, summary) {
  const pct = (k) => (summary.total ? `${Math.round((100 * k) / summary.total)}%` : "-");
  const rows = results.map(
    (r) =>
      `  ${r.built ? (r.rounds === 0 ? "✓ first try" : `✓ ${r.rounds} repair(s)`) : "✗ no proposal"}` +
      `${r.renderErrors ? (r.renderErrors.length === 0 ? ", renders" : `, runtime error: ${r.renderErrors[0]}`) : ""}` +
      ` · ${r.tokens ?? "?"} tokens · ${r.template} ${r.blank}${r.error ? ` — ${r.error}` : ""}`,
  );
  return [
    ...rows,
    "",
    `prompts: ${summary.total}`,
    `built on the first try: ${summary.firstTry} (${pct(summary.firstTry)})`,
    `built within 3 rounds:  ${summary.withinThreeRounds} (${pct(summary.withinThreeRounds)})`,
    `render without a runtime error: ${summary.rendered} (${pct(summary.rendered)})`,
    `tokens per successful proposal: ${summary.tokensPerSuccess ?? "-"}`,
  ].join("\n");
}
