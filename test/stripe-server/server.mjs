// A local HTTP server that speaks the slice of the Stripe API the platform calls, so tests run
// the real `stripe` SDK (fetch http client) end to end without the network. Form-encoded requests
// in, Stripe-shaped JSON out, every request recorded for assertions. Listens on 127.0.0.1 only.
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";

const id = (prefix) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

/** `a[b][0][c]=v` → { a: { b: [ { c: "v" } ] } }, the way Stripe reads form bodies. */
export function parseForm(text) {
  const root = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = rawKey.split(/\[|\]\[|\]/).filter((p) => p !== "");
    let node = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]);
      if (last) node[part] = value;
      else node = node[part] ??= nextIsIndex ? [] : {};
    });
  }
  return root;
}

function stripeError(res, status, message, type = "invalid_request_error") {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { type, message } }));
}

export async function startStripeServer() {
  const state = { requests: [], accounts: new Map(), subscriptions: new Map(), paymentIntents: new Map() };
  let base = "";

  const routes = [
    [
      "POST",
      /^\/v1\/customers$/,
      (body) => ({
        id: id("cus"),
        object: "customer",
        email: body.email ?? null,
        metadata: body.metadata ?? {},
        created: now(),
        livemode: false,
      }),
    ],
    [
      "POST",
      /^\/v1\/checkout\/sessions$/,
      (body, _m, headers) => {
        const sid = id("cs_test");
        return {
          id: sid,
          object: "checkout.session",
          mode: body.mode,
          status: "open",
          payment_status: "unpaid",
          url: `${base}/pay/${sid}`,
          customer: body.customer ?? null,
          client_reference_id: body.client_reference_id ?? null,
          metadata: body.metadata ?? {},
          success_url: body.success_url,
          cancel_url: body.cancel_url,
          subscription: null,
          livemode: false,
          created: now(),
          account: headers["stripe-account"] ?? null,
        };
      },
    ],
    [
      "POST",
      /^\/v1\/billing_portal\/sessions$/,
      (body) => ({
        id: id("bps"),
        object: "billing_portal.session",
        customer: body.customer,
        return_url: body.return_url,
        url: `${base}/portal/${body.customer}`,
        livemode: false,
        created: now(),
      }),
    ],
    [
      "POST",
      /^\/v1\/accounts$/,
      (body) => {
        const account = {
          id: id("acct"),
          object: "account",
          type: body.type ?? "express",
          email: body.email ?? null,
          charges_enabled: false,
          details_submitted: false,
          metadata: body.metadata ?? {},
        };
        state.accounts.set(account.id, account);
        return account;
      },
    ],
    ["GET", /^\/v1\/accounts\/([^/]+)$/, (_b, m) => state.accounts.get(m[1]) ?? null],
    [
      "POST",
      /^\/v1\/account_links$/,
      (body) => ({
        object: "account_link",
        url: `${base}/onboarding/${body.account}`,
        created: now(),
        expires_at: now() + 300,
      }),
    ],
    ["GET", /^\/v1\/subscriptions\/([^/]+)$/, (_b, m) => state.subscriptions.get(m[1]) ?? null],
    ["GET", /^\/v1\/payment_intents\/([^/]+)$/, (_b, m) => state.paymentIntents.get(m[1]) ?? null],
  ];

  async function control(req, res, path, text) {
    const reply = (value) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    if (req.method === "GET" && path === "/__control/requests") return reply({ requests: state.requests });
    if (req.method === "POST" && path === "/__control/subscriptions") {
      const sub = JSON.parse(text);
      state.subscriptions.set(sub.id, sub);
      return reply({ ok: true });
    }
    if (req.method === "POST" && path === "/__control/payment_intents") {
      const intent = JSON.parse(text);
      state.paymentIntents.set(intent.id, intent);
      return reply({ ok: true });
    }
    if (req.method === "POST" && path === "/__control/accounts/enable") {
      const { account } = JSON.parse(text);
      const found = state.accounts.get(account);
      if (found) Object.assign(found, { charges_enabled: true, details_submitted: true });
      return reply({ ok: Boolean(found) });
    }
    return stripeError(res, 404, `Unknown control path ${path}`);
  }

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith("/__control/")) return control(req, res, url.pathname, text);
    const auth = req.headers.authorization ?? "";
    if (!/^Bearer sk_test_[A-Za-z0-9]{10,}$/.test(auth))
      return stripeError(res, 401, "Invalid API Key provided.", "authentication_error");
    const body = parseForm(req.method === "GET" ? url.search.slice(1) : text);
    state.requests.push({
      method: req.method,
      path: url.pathname,
      body,
      stripeAccount: req.headers["stripe-account"] ?? null,
      idempotencyKey: req.headers["idempotency-key"] ?? null,
      stripeVersion: req.headers["stripe-version"] ?? null,
    });
    for (const [method, pattern, handler] of routes) {
      const m = url.pathname.match(pattern);
      if (req.method !== method || !m) continue;
      const out = handler(body, m, req.headers);
      if (out === null) return stripeError(res, 404, `No such object: ${m[1]}`);
      res.writeHead(200, { "content-type": "application/json", "request-id": id("req") });
      return res.end(JSON.stringify(out));
    }
    return stripeError(res, 404, `Unrecognized request URL (${req.method}: ${url.pathname}).`);
  });

  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  base = `http://127.0.0.1:${port}`;
  return { host: "127.0.0.1", port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
