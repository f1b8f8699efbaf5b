// A local model server of ours that speaks two real protocols: OpenAI-compatible chat completions
// (POST /v1/chat/completions, SSE streaming, tool calls, usage in the last chunk) and Anthropic's
// Messages API (POST /v1/messages, SSE, tool_use). It is NOT a model: it answers from a script
// chosen by the request's model name, so tests, the e2e run and `npm start` get deterministic
// answers through the real AI SDK and the real HTTP protocol. Listens on 127.0.0.1 only.
//
// Models (scripts): "standin" (npm start, e2e: rewrites the hinted blank's headline to the
// creator's words with a real write_blank call), and for tests "good", "bad-import", "locked",
// "never-valid", "chatty", "canary", "slow", "multi". Tool results and repair messages in the
// request decide what comes next, so the server keeps no conversation state.
//
// Control (tests): GET /__control/requests (each request's model, headers, first-token time),
// POST /__control/reset. Run by hand: `node scripts/ai-model-server.mjs [port]`.
import { createServer } from "node:http";

const REPAIR = "Your change does not build";

/** The conversation, whatever the protocol: [{role, text, toolResults: [string], toolCalls: [name]}]. */
function normalize(protocol, body) {
  const out = [];
  if (protocol === "anthropic") {
    if (body.system) out.push({ role: "system", text: asText(body.system), toolResults: [], toolCalls: [] });
    for (const m of body.messages ?? []) {
      const parts = Array.isArray(m.content) ? m.content : [{ type: "text", text: m.content }];
      out.push({
        role: m.role,
        text: parts
          .filter((p) => p.type === "text")
          .map((p) => p.text)
          .join(""),
        toolResults: parts.filter((p) => p.type === "tool_result").map((p) => asText(p.content)),
        toolCalls: parts.filter((p) => p.type === "tool_use").map((p) => p.name),
      });
    }
    return out;
  }
  for (const m of body.messages ?? []) {
    if (m.role === "tool") {
      const last = out[out.length - 1];
      if (last?.role === "tool") last.toolResults.push(asText(m.content));
      else out.push({ role: "tool", text: "", toolResults: [asText(m.content)], toolCalls: [] });
      continue;
    }
    out.push({
      role: m.role,
      text: asText(m.content),
      toolResults: [],
      toolCalls: (m.tool_calls ?? []).map((t) => t.function?.name),
    });
  }
  return out;
}

function asText(content) {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === "string" ? p : (p.text ?? ""))).join("");
  return "";
}

const lastOf = (conv) => conv[conv.length - 1];
const lastUser = (conv) => [...conv].reverse().find((m) => m.role === "user" && m.text.trim() !== "");
const systemOf = (conv) => conv.find((m) => m.role === "system")?.text ?? "";
/** The blanks shown in the instructions, in order (the hinted one first). */
function shownFiles(system) {
  return [...system.matchAll(/<file path="([^"]+)">\n([\s\S]*?)\n<\/file>/g)].map((m) => ({
    path: m[1],
    content: m[2],
  }));
}
/** The hinted blank if it has a heading, else the first shown page blank with an <h1>, else with any text. */
function headlineFile(system) {
  const pages = shownFiles(system).filter((f) => /\.(tsx|jsx)$/.test(f.path));
  const [first] = shownFiles(system);
  if (first && pages.includes(first) && /<h1/.test(first.content)) return first;
  return pages.find((f) => /<h1/.test(f.content)) ?? pages.find((f) => withHeadline(f.content, "x") !== null) ?? null;
}
const afterToolResult = (conv) => lastOf(conv)?.role === "tool" || (lastOf(conv)?.toolResults ?? []).length > 0;
const repairing = (conv) => (lastUser(conv)?.text ?? "").startsWith(REPAIR);
const home = (headline) => `export default function Home() {\n  return <h1>${headline}</h1>;\n}\n`;

/** Text of JSX-safe words: what the creator asked, kept short. */
function headlineFrom(text) {
  const quoted = /["“]([^"”]{1,80})["”]/.exec(text);
  const words = (quoted ? quoted[1] : text).replace(/[<>{}`\\]/g, "").trim();
  return words.length > 80 ? `${words.slice(0, 77)}…` : words;
}

/** Replaces the first <h1>…</h1> (or, failing that, the first JSX text) of a component. */
function withHeadline(content, headline) {
  if (/<h1[^>]*>[\s\S]*?<\/h1>/.test(content)) return content.replace(/(<h1[^>]*>)[\s\S]*?(<\/h1>)/, `$1${headline}$2`);
  if (/>([^<>{}\n]*[A-Za-z][^<>{}\n]*)</.test(content))
    return content.replace(/>([^<>{}\n]*[A-Za-z][^<>{}\n]*)</, `>${headline}<`);
  return null;
}

// Each script answers {text: [pieces], calls: [{name, args}]} for the conversation so far.
const SCRIPTS = {
  standin(conv) {
    if (afterToolResult(conv)) return { text: ["Done: ", "the headline ", "now says what you asked."] };
    const file = headlineFile(systemOf(conv));
    const ask = headlineFrom(lastUser(conv)?.text ?? "");
    const next = file ? withHeadline(file.content, ask) : null;
    if (!file || !next)
      return { text: ["I am the local stand-in model: I can only rewrite a headline, ", "and found none to rewrite."] };
    return {
      text: ["I'll put your words ", "in the headline of ", `${file.path}.`],
      calls: [{ name: "write_blank", args: { path: file.path, content: next } }],
    };
  },
  good(conv) {
    if (afterToolResult(conv)) return { text: ["Done: the headline ", "now says hello."] };
    return {
      text: ["I'll change ", "the headline."],
      calls: [
        { name: "write_blank", args: { path: "src/blanks/Home.tsx", content: home("Hello from the assistant") } },
      ],
    };
  },
  multi(conv) {
    if (afterToolResult(conv)) return { text: ["Changed the page and the colours."] };
    return {
      text: ["Two files."],
      calls: [
        { name: "write_blank", args: { path: "src/blanks/Home.tsx", content: home("Two at once") } },
        { name: "write_blank", args: { path: "src/blanks/theme.css", content: ":root { --accent: #c05621; }\n" } },
      ],
    };
  },
  "bad-import"(conv) {
    if (afterToolResult(conv)) return { text: ["Done."] };
    if (repairing(conv))
      return {
        text: ["Fixed: no lodash."],
        calls: [{ name: "write_blank", args: { path: "src/blanks/Home.tsx", content: home("HELLO") } }],
      };
    return {
      text: ["Using lodash for the upper case."],
      calls: [
        {
          name: "write_blank",
          args: {
            path: "src/blanks/Home.tsx",
            content: `import upperCase from "lodash/upperCase";\n\nexport default function Home() {\n  return <h1>{upperCase("hello")}</h1>;\n}\n`,
          },
        },
      ],
    };
  },
  locked(conv) {
    const results = conv.flatMap((m) => m.toolResults);
    if (results.some((r) => r.startsWith("OK:"))) return { text: ["Changed the blank instead."] };
    if (results.some((r) => r.startsWith("REFUSED:")))
      return {
        text: ["That file is locked; ", "changing the blank."],
        calls: [{ name: "write_blank", args: { path: "src/blanks/Home.tsx", content: home("Recovered") } }],
      };
    return {
      text: ["Editing the entry."],
      calls: [{ name: "write_blank", args: { path: "src/main.tsx", content: "console.log('pwned');\n" } }],
    };
  },
  "never-valid"(conv) {
    if (afterToolResult(conv)) return { text: ["Done."] };
    return {
      text: ["Trying again."],
      calls: [
        {
          name: "write_blank",
          args: {
            path: "src/blanks/Home.tsx",
            content: `import x from "left-pad";\nexport default function Home() {\n  return <h1>{x}</h1>;\n}\n`,
          },
        },
      ],
    };
  },
  chatty() {
    return { text: ["Sure, ", "here is an idea but ", "I changed nothing."] };
  },
  canary(conv, req) {
    const key = (req.headers.authorization ?? "").replace(/^Bearer /, "") || req.headers["x-api-key"] || "";
    if (afterToolResult(conv)) return { text: ["Your key is ", key.slice(0, 6), key.slice(6), " — done."] };
    return {
      text: [`Echo: ${key}. `, "Writing."],
      calls: [{ name: "write_blank", args: { path: "src/blanks/Home.tsx", content: home(`key ${key}`) } }],
    };
  },
  bidi(conv) {
    if (afterToolResult(conv)) return { text: ["Done."] };
    return {
      text: ["Writing."],
      calls: [
        {
          name: "write_blank",
          args: { path: "src/blanks/Home.tsx", content: home("Hi \u202Eevil\u202C\u200B there") },
        },
      ],
    };
  },
  leaky(conv) {
    if (afterToolResult(conv)) return { text: ["Done."] };
    if (repairing(conv))
      return {
        text: ["Removed the key."],
        calls: [{ name: "write_blank", args: { path: "src/blanks/Home.tsx", content: home("No keys here") } }],
      };
    // A credential-shaped string, as a model might copy one from a chat (assembled, not a literal).
    const key = ["sk", "live", "4eC39HqLyjWDarjtT1zdp7dc"].join("_");
    return {
      text: ["Adding your key."],
      calls: [
        {
          name: "write_blank",
          args: { path: "src/blanks/Home.tsx", content: `const KEY = "${key}";\n${home("Paid")}` },
        },
      ],
    };
  },
  escape(conv) {
    const results = conv.flatMap((m) => m.toolResults);
    if (results.some((r) => r.startsWith("OK:"))) return { text: ["Done."] };
    if (results.length > 0)
      return {
        text: ["Only the blank then."],
        calls: [{ name: "write_blank", args: { path: "src/blanks/Home.tsx", content: home("Inside") } }],
      };
    return {
      text: ["Trying everywhere."],
      calls: [
        "../../platform/env.ts",
        "/etc/passwd",
        "src/blanks/../main.tsx",
        "index.html",
        "template.json",
        "src/blanks/New.tsx",
        "platform/worker/studio/ai.ts",
      ].map((path) => ({ name: "write_blank", args: { path, content: "export {};\n" } })),
    };
  },
  slow() {
    return { text: Array.from({ length: 40 }, (_, i) => `word${i} `), delayMs: 100 };
  },
};

const tokensOf = (text) => Math.ceil(text.length / 4);

function sse(res, headers = {}) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", ...headers });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function answerOpenAI(res, model, answer, inputTokens, record) {
  sse(res);
  const id = `chatcmpl-${Math.random().toString(36).slice(2)}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta, finish = null) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  let out = 0;
  res.write(chunk({ role: "assistant", content: "" }));
  for (const piece of answer.text ?? []) {
    if (answer.delayMs) await sleep(answer.delayMs);
    if (record.firstTokenAt === null) record.firstTokenAt = Date.now();
    res.write(chunk({ content: piece }));
    out += tokensOf(piece);
  }
  (answer.calls ?? []).forEach((call, index) => {
    const args = JSON.stringify(call.args);
    res.write(
      chunk({
        tool_calls: [
          { index, id: `call_${index}_${Date.now()}`, type: "function", function: { name: call.name, arguments: "" } },
        ],
      }),
    );
    for (let i = 0; i < args.length; i += 200)
      res.write(chunk({ tool_calls: [{ index, function: { arguments: args.slice(i, i + 200) } }] }));
    out += tokensOf(args);
  });
  res.write(chunk({}, (answer.calls ?? []).length > 0 ? "tool_calls" : "stop"));
  record.usage = { input: inputTokens, output: out };
  res.write(
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage: { prompt_tokens: inputTokens, completion_tokens: out, total_tokens: inputTokens + out } })}\n\n`,
  );
  res.end("data: [DONE]\n\n");
}

async function answerAnthropic(res, model, answer, inputTokens, record) {
  sse(res);
  const ev = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  let out = 0;
  res.write(
    ev("message_start", {
      message: {
        id: `msg_${Date.now()}`,
        type: "message",
        role: "assistant",
        model,
        content: [],
        stop_reason: null,
        usage: { input_tokens: inputTokens, output_tokens: 1 },
      },
    }),
  );
  let index = 0;
  if ((answer.text ?? []).length > 0) {
    res.write(ev("content_block_start", { index, content_block: { type: "text", text: "" } }));
    for (const piece of answer.text) {
      if (answer.delayMs) await sleep(answer.delayMs);
      if (record.firstTokenAt === null) record.firstTokenAt = Date.now();
      res.write(ev("content_block_delta", { index, delta: { type: "text_delta", text: piece } }));
      out += tokensOf(piece);
    }
    res.write(ev("content_block_stop", { index }));
    index += 1;
  }
  for (const call of answer.calls ?? []) {
    const args = JSON.stringify(call.args);
    res.write(
      ev("content_block_start", {
        index,
        content_block: { type: "tool_use", id: `toolu_${index}_${Date.now()}`, name: call.name, input: {} },
      }),
    );
    for (let i = 0; i < args.length; i += 200)
      res.write(
        ev("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: args.slice(i, i + 200) } }),
      );
    res.write(ev("content_block_stop", { index }));
    out += tokensOf(args);
    index += 1;
  }
  record.usage = { input: inputTokens, output: out };
  res.write(
    ev("message_delta", {
      delta: { stop_reason: (answer.calls ?? []).length > 0 ? "tool_use" : "end_turn", stop_sequence: null },
      usage: { output_tokens: out },
    }),
  );
  res.end(ev("message_stop", {}));
}

export async function startModelServer({ port = 0 } = {}) {
  const state = { requests: [] };
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const json = (status, body) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/__control/requests") return json(200, { requests: state.requests });
    if (url.pathname === "/__control/reset") {
      state.requests = [];
      return json(200, { ok: true });
    }
    const protocol = url.pathname.endsWith("/chat/completions")
      ? "openai"
      : url.pathname.endsWith("/messages")
        ? "anthropic"
        : null;
    if (req.method !== "POST" || !protocol) return json(404, { error: { message: `no route ${url.pathname}` } });
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return json(400, { error: { message: "bad json" } });
    }
    const model = String(body.model ?? "");
    const [name, ...flags] = model.split("+");
    const record = {
      at: Date.now(),
      protocol,
      model,
      authorization: req.headers.authorization ?? null,
      apiKey: req.headers["x-api-key"] ?? null,
      firstTokenAt: null,
      usage: null,
      bytes: text.length,
      // What the platform sent (tests look for data that must never be in a prompt, T53).
      body: text.slice(0, 500_000),
    };
    state.requests.push(record);
    // "+401": refuse, echoing the credential the way a careless proxy might (the platform must not pass it on).
    if (flags.includes("401"))
      return json(401, {
        error: {
          message: `invalid key ${req.headers.authorization ?? req.headers["x-api-key"] ?? ""}`,
          type: "invalid_request_error",
        },
      });
    const script = SCRIPTS[name];
    if (!script) return json(404, { error: { message: `unknown model ${model}` } });
    const conv = normalize(protocol, body);
    const answer = script(conv, req);
    // Deterministic usage: a quarter of the request's characters (what a tokenizer roughly does).
    const inputTokens = tokensOf(text);
    if (protocol === "openai") await answerOpenAI(res, model, answer, inputTokens, record);
    else await answerAnthropic(res, model, answer, inputTokens, record);
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  return {
    host: "127.0.0.1",
    port: address.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startModelServer({ port: Number(process.argv[2] ?? 8790) });
  console.log(`model stand-in on http://${server.host}:${server.port}/v1 (models: ${Object.keys(SCRIPTS).join(", ")})`);
}
