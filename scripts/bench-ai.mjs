/**
 * AI turn overhead (part of `npm run bench`, from bench-serve.mjs): the time the platform adds
 * between the model's first token and the studio's. Against a running platform whose assistant
 * talks to the local stand-in model server (scripts/ai-model-server.mjs, model "standin": it
 * streams a sentence, then rewrites the hinted blank's headline with a write_blank call):
 *   - studio: `POST /api/apps/:slug/ai/chat` to the first `text-delta` of the UI message stream
 *     (and its first byte), from this process, a fresh creator and app;
 *   - baseline: the same model request the platform made for that turn (read back from the model
 *     server's /__control/requests), sent straight to the model server, to its first content chunk.
 * A creator may start 10 turns a minute (AI_TURNS_PER_MINUTE) and has 200,000 tokens a month on the
 * free plan; a stand-in turn settles at a few thousand, so `turns` (at most 9, plus a warm-up) fits.
 */
import { request } from "node:http";
import { median } from "./bench-results.mjs";

const PASSWORD = "correct horse battery staple";

/** Streams one POST and times its first byte and the first chunk `isToken` accepts. */
function timedStream(port, host, path, headers, body, isToken) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const payload = typeof body === "string" ? body : JSON.stringify(body);
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path,
        headers: { host, "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        let firstByteMs = null;
        let firstTokenMs = null;
        let buffered = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          const now = performance.now() - started;
          firstByteMs ??= now;
          buffered += chunk;
          // Server-sent events: one `data: {json}` line each.
          const lines = buffered.split("\n");
          buffered = lines.pop() ?? "";
          for (const line of lines) {
            if (firstTokenMs !== null || !line.startsWith("data: ")) continue;
            try {
              if (isToken(JSON.parse(line.slice(6)))) firstTokenMs = now;
            } catch {
              // `data: [DONE]`
            }
          }
        });
        res.on("end", () =>
          res.statusCode === 200
            ? resolve({ firstByteMs, firstTokenMs, ms: performance.now() - started })
            : reject(new Error(`${path}: ${res.statusCode} ${buffered.slice(0, 300)}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const studioToken = (e) => e.type === "text-delta" && typeof e.delta === "string" && e.delta !== "";
const modelToken = (e) => typeof e.choices?.[0]?.delta?.content === "string" && e.choices[0].delta.content !== "";

/**
 * @param {{ port: number, model: { host: string, port: number }, turns: number, log: (s: string) => void }} options
 */
export async function benchAi({ port, model, turns, log }) {
  const url = `http://127.0.0.1:${port}`;
  const studioHost = `127.0.0.1:${port}`;
  let cookie = "";
  const call = async (method, path, body) => {
    const res = await fetch(url + path, {
      method,
      headers: { cookie, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const set = res.headers.getSetCookie().map((l) => l.split(";")[0]);
    if (set.length) cookie = set.join("; ");
    return { status: res.status, data: await res.json().catch(() => null) };
  };
  // A fresh creator and app: an empty quota and an empty conversation.
  const signup = await call("POST", "/api/auth/signup", {
    email: `bench-ai-${Date.now()}@example.com`,
    password: PASSWORD,
  });
  if (signup.status !== 201) throw new Error(`ai signup: ${signup.status} ${JSON.stringify(signup.data)}`);
  const slug = `bench-ai-${Date.now().toString(36)}`;
  const app = await call("POST", "/api/apps", { slug, template: "booking" });
  if (app.status !== 201) throw new Error(`ai app: ${app.status} ${JSON.stringify(app.data)}`);
  const control = `http://${model.host}:${model.port}/__control`;

  const studio = [];
  const studioFirstByte = [];
  const direct = [];
  const beforeModel = [];
  const relay = [];
  for (let i = 0; i <= turns; i++) {
    await fetch(`${control}/reset`, { method: "POST" });
    const postedAt = Date.now();
    const turn = await timedStream(
      port,
      studioHost,
      `/api/apps/${slug}/ai/chat`,
      { cookie, "sec-fetch-site": "same-origin" },
      { message: `Make the headline say "Bench turn ${i}"`, blank: "src/blanks/Intro.tsx" },
      studioToken,
    );
    if (turn.firstTokenMs === null) throw new Error("ai chat: the stream carried no text");
    // The first model call of that turn, exactly as the platform sent it, straight to the model.
    const { requests } = await (await fetch(`${control}/requests`)).json();
    const first = requests.find((r) => r.protocol === "openai");
    if (!first) throw new Error("ai chat: the model server saw no request");
    const alone = await timedStream(
      model.port,
      `${model.host}:${model.port}`,
      "/v1/chat/completions",
      {},
      first.body,
      modelToken,
    );
    if (alone.firstTokenMs === null) throw new Error("model server: no content chunk");
    if (i === 0) continue; // warm-up: the first turn in an isolate loads the AI SDK and the builder
    studio.push(turn.firstTokenMs);
    studioFirstByte.push(turn.firstByteMs);
    // Where the difference goes, by the wall clock both processes share: before the platform calls
    // the model (session, ownership, turn slot, sources, history, token reservation), and from the
    // model's first token to the studio's (the AI SDK, the redactor, the UI stream).
    beforeModel.push(first.at - postedAt);
    relay.push(postedAt + turn.firstTokenMs - first.firstTokenAt);
    direct.push(alone.firstTokenMs);
  }
  const usage = await call("GET", "/api/ai");
  const result = {
    turns,
    studio,
    direct,
    firstByteMedianMs: median(studioFirstByte),
    overheadMedianMs: median(studio.map((t, i) => t - direct[i])),
    beforeModelMedianMs: median(beforeModel),
    relayMedianMs: median(relay),
    usedTokens: usage.data?.usage?.usedTokens ?? null,
    limitTokens: usage.data?.usage?.limitTokens ?? null,
  };
  log(`ai turn bench: ${turns} turns (after a warm-up) of the stand-in model through POST /api/apps/:slug/ai/chat`);
  log(
    `  first token: studio median ${median(studio).toFixed(1)} ms (first byte ${result.firstByteMedianMs.toFixed(1)} ms), model alone ${median(direct).toFixed(1)} ms; platform adds ${result.overheadMedianMs.toFixed(1)} ms`,
  );
  log(
    `  of which before the model call ${result.beforeModelMedianMs} ms, model's first token to the studio's ${result.relayMedianMs.toFixed(1)} ms`,
  );
  log(`  tokens used ${result.usedTokens} of ${result.limitTokens} this month`);
  return result;
}
