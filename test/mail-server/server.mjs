// A local HTTP server that speaks the slice of Resend's email API the platform calls
// (POST /emails with Bearer auth, JSON body, Idempotency-Key), so tests run the real HTTP
// provider end to end without the network. Listens on 127.0.0.1 only.
//
// Idempotency as Resend documents it: the same key with the same body within 24 h answers the
// first response again and sends nothing; the same key with another body is 409
// `invalid_idempotent_request`; a key whose first request is still running is 409
// `concurrent_idempotent_requests`.
//
// Control endpoints (tests only): GET /__control/emails (what was actually sent, once each),
// GET /__control/requests, POST /__control/fail {status, name, count} (answer the next `count`
// sends with that error, before accepting), POST /__control/drop {count} (accept and record the
// next `count` sends, then cut the connection before answering: a lost response).
import { createServer } from "node:http";
import { createHash, randomUUID } from "node:crypto";

function reply(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const error = (res, status, name, message) => reply(res, status, { statusCode: status, name, message });

export async function startMailServer() {
  const state = { emails: [], requests: [], keys: new Map(), fail: [], drop: 0 };

  async function control(req, res, path, text) {
    if (req.method === "GET" && path === "/__control/emails") return reply(res, 200, { emails: state.emails });
    if (req.method === "GET" && path === "/__control/requests") return reply(res, 200, { requests: state.requests });
    if (req.method === "POST" && path === "/__control/fail") {
      const { status, name, count = 1 } = JSON.parse(text);
      for (let i = 0; i < count; i++) state.fail.push({ status, name });
      return reply(res, 200, { ok: true });
    }
    if (req.method === "POST" && path === "/__control/drop") {
      state.drop += JSON.parse(text).count ?? 1;
      return reply(res, 200, { ok: true });
    }
    return error(res, 404, "not_found", `Unknown control path ${path}`);
  }

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith("/__control/")) return control(req, res, url.pathname, text);
    const key = req.headers["idempotency-key"] ?? null;
    state.requests.push({ method: req.method, path: url.pathname, idempotencyKey: key, body: text });
    if (req.method !== "POST" || url.pathname !== "/emails")
      return error(res, 405, "method_not_allowed", "Method not allowed");
    if (!/^Bearer re_[A-Za-z0-9_]{8,}$/.test(req.headers["authorization"] ?? ""))
      return error(res, 401, "missing_api_key", "Missing or invalid API key");
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return error(res, 422, "validation_error", "Invalid JSON body");
    }
    const to = Array.isArray(body.to) ? body.to : [body.to];
    if (typeof body.from !== "string" || !body.from.includes("@"))
      return error(res, 422, "invalid_from_address", "Invalid `from` field.");
    if (to.length === 0 || to.some((t) => typeof t !== "string" || !t.includes("@")))
      return error(res, 422, "validation_error", "Invalid `to` field.");
    if (typeof body.subject !== "string" || (typeof body.html !== "string" && typeof body.text !== "string")) {
      return error(res, 422, "missing_required_field", "Missing `subject` or a body.");
    }
    if (key !== null && (typeof key !== "string" || key.length > 256))
      return error(res, 400, "invalid_idempotency_key", "The key must be 1-256 characters.");
    const digest = createHash("sha256").update(text).digest("hex");
    const prior = key ? state.keys.get(key) : undefined;
    if (prior) {
      if (prior.digest !== digest)
        return error(
          res,
          409,
          "invalid_idempotent_request",
          "Same idempotency key used with a different request payload.",
        );
      if (prior.response === null)
        return error(
          res,
          409,
          "concurrent_idempotent_requests",
          "Same idempotency key used while the original request is still in progress.",
        );
      return reply(res, 200, prior.response);
    }
    const failure = state.fail.shift();
    if (failure) return error(res, failure.status, failure.name, `Injected ${failure.status}`);
    const entry = { digest, response: null };
    if (key) state.keys.set(key, entry);
    const id = randomUUID();
    state.emails.push({
      id,
      from: body.from,
      to,
      subject: body.subject,
      text: body.text ?? null,
      html: body.html ?? null,
      idempotencyKey: key,
    });
    entry.response = { id };
    if (state.drop > 0) {
      state.drop -= 1;
      // Sent, but the answer never arrives: the caller cannot tell whether it went out.
      req.socket.destroy();
      return;
    }
    return reply(res, 200, { id });
  });

  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { host: "127.0.0.1", port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
