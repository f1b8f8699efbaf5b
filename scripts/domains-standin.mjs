// A local server of ours that speaks the two outside HTTP APIs custom domains use (docs/domains.md),
// so tests, the e2e run and `npm start` exercise the real protocol without the internet:
//   - DNS-over-HTTPS, the JSON API: GET /dns-query?name=<name>&type=TXT (Accept: application/dns-json)
//     → {Status, Answer: [{name, type: 16, TTL, data: "\"value\""}]}. It answers only TXT records
//     set through the control API; it is not a resolver.
//   - Cloudflare for SaaS custom hostnames, v4: POST/GET/DELETE /client/v4/zones/:zone/custom_hostnames[/:id],
//     Bearer token checked, answers wrapped in {success, errors, messages, result}. A new hostname
//     is `pending` and turns `active` (certificate too) on its first GET, as if its CNAME were in
//     place, unless a state was forced.
// Control (tests): POST /__control/txt {name, values}, POST /__control/hostname {hostname, status,
// sslStatus} (forces a state), GET /__control/requests, POST /__control/reset.
// Listens on 127.0.0.1 only. Run by hand: `node scripts/domains-standin.mjs [port]`.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";

export const STANDIN_ZONE = "standin-zone";
export const STANDIN_TOKEN = "standin-cloudflare-token";

export async function startDomainsStandin({ port = 0 } = {}) {
  const state = { txt: new Map(), hostnames: new Map(), forced: new Map(), requests: [] };
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const json = (status, body, type = "application/json") => {
      res.writeHead(status, { "content-type": type });
      res.end(JSON.stringify(body));
    };
    const body = () => {
      try {
        return JSON.parse(text || "{}");
      } catch {
        return {};
      }
    };
    if (url.pathname.startsWith("/__control/")) {
      const what = url.pathname.slice("/__control/".length);
      if (what === "requests") return json(200, { requests: state.requests });
      if (what === "reset") {
        for (const m of [state.txt, state.hostnames, state.forced]) m.clear();
        state.requests = [];
        return json(200, { ok: true });
      }
      if (what === "txt" && req.method === "POST") {
        const { name, values } = body();
        state.txt.set(String(name).toLowerCase(), Array.isArray(values) ? values.map(String) : []);
        return json(200, { ok: true });
      }
      if (what === "hostname" && req.method === "POST") {
        const { hostname, status, sslStatus } = body();
        state.forced.set(String(hostname), { status, sslStatus });
        return json(200, { ok: true });
      }
      return json(404, { error: "no such control" });
    }
    state.requests.push({
      method: req.method,
      path: url.pathname + url.search,
      authorization: req.headers.authorization ?? null,
      body: text,
    });

    if (url.pathname === "/dns-query" && req.method === "GET") {
      const name = (url.searchParams.get("name") ?? "").toLowerCase().replace(/\.$/, "");
      if (url.searchParams.get("type") !== "TXT") return json(200, { Status: 0, Answer: [] }, "application/dns-json");
      const values = state.txt.get(name);
      if (!values) return json(200, { Status: 3, Question: [{ name, type: 16 }] }, "application/dns-json");
      const Answer = values.map((v) => ({ name: `${name}.`, type: 16, TTL: 60, data: `"${v.replace(/"/g, '\\"')}"` }));
      return json(200, { Status: 0, Question: [{ name, type: 16 }], Answer }, "application/dns-json");
    }

    const m = /^\/client\/v4\/zones\/([^/]+)\/custom_hostnames(?:\/([^/]+))?$/.exec(url.pathname);
    if (!m)
      return json(404, {
        success: false,
        errors: [{ code: 7003, message: "No route for that URI" }],
        messages: [],
        result: null,
      });
    const cf = (status, result, errors = []) =>
      json(status, { success: errors.length === 0, errors, messages: [], result });
    if (req.headers.authorization !== `Bearer ${STANDIN_TOKEN}`)
      return cf(403, null, [{ code: 10000, message: "Authentication error" }]);
    if (m[1] !== STANDIN_ZONE) return cf(404, null, [{ code: 1001, message: "Invalid zone identifier" }]);
    const view = (h) => {
      const forced = state.forced.get(h.hostname);
      const status = forced?.status ?? h.status;
      const sslStatus = forced?.sslStatus ?? h.sslStatus;
      return {
        id: h.id,
        hostname: h.hostname,
        status,
        ssl: { id: `ssl-${h.id}`, type: "dv", method: "http", status: sslStatus, validation_errors: [] },
        ownership_verification: { type: "txt", name: `_cf-custom-hostname.${h.hostname}`, value: h.id },
        ownership_verification_http: {
          http_url: `http://${h.hostname}/.well-known/cf-custom-hostname-challenge/${h.id}`,
          http_body: h.id,
        },
        verification_errors: status === "pending" ? ["custom hostname does not CNAME to this zone."] : [],
        created_at: h.createdAt,
      };
    };
    if (!m[2] && req.method === "POST") {
      const { hostname } = body();
      if (typeof hostname !== "string" || !hostname)
        return cf(400, null, [{ code: 1411, message: "Invalid hostname" }]);
      if ([...state.hostnames.values()].some((h) => h.hostname === hostname))
        return cf(409, null, [{ code: 1406, message: "Duplicate custom hostname found." }]);
      const h = {
        id: randomUUID(),
        hostname,
        status: "pending",
        sslStatus: "pending_validation",
        createdAt: new Date().toISOString(),
      };
      state.hostnames.set(h.id, h);
      return cf(200, view(h));
    }
    const h = m[2] ? state.hostnames.get(m[2]) : undefined;
    if (!h) return cf(404, null, [{ code: 1436, message: "The custom hostname was not found." }]);
    if (req.method === "GET") {
      const answer = view(h);
      // The CNAME is "in place": the next read finds the hostname and its certificate live.
      h.status = "active";
      h.sslStatus = "active";
      return cf(200, answer);
    }
    if (req.method === "DELETE") {
      state.hostnames.delete(h.id);
      return cf(200, { id: h.id });
    }
    return cf(405, null, [{ code: 10405, message: "Method not allowed" }]);
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    host: "127.0.0.1",
    port: address.port,
    /** The Worker vars that point custom domains at this server. */
    vars: {
      DOMAINS_DOH_URL: `${origin}/dns-query`,
      CF_API_BASE_URL: `${origin}/client/v4`,
      CF_ZONE_ID: STANDIN_ZONE,
      CF_API_TOKEN: STANDIN_TOKEN,
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startDomainsStandin({ port: Number(process.argv[2] ?? 8791) });
  console.log(
    `domains stand-in on http://${server.host}:${server.port} (DoH at /dns-query, Cloudflare API at /client/v4)`,
  );
}
