// A local server of ours that speaks the two sign-in protocols the platform uses, so tests, the
// e2e run and `npm start` sign in "with Google" and "with GitHub" without reaching either:
//
//   Google (OpenID Connect)  GET  /google/authorize        a consent page a browser clicks through
//                            POST /google/authorize        the choice: 302 to redirect_uri?code&state
//                            POST /google/token            code (+ PKCE verifier, client secret) → tokens
//                                                          with an RS256 ID token signed by a key made at start
//                            GET  /google/jwks             that key, as a JWKS
//                            GET  /google/userinfo         the account behind an access token
//   GitHub (OAuth 2.0)       GET|POST /github/login/oauth/authorize, POST /github/login/oauth/access_token,
//                            GET  /github/api/user, GET /github/api/user/emails (with `verified`)
//
// It is NOT Google or GitHub: it checks what they check (client id and secret, redirect URI, PKCE
// S256, one use per code, code lifetime) and signs what they sign, with its own key. Clients:
// `local-google-client` / `local-google-secret` and `local-github-client` / `local-github-secret`,
// more by POST /__control/clients {clientId, clientSecret}. POST /__control/next-id-token
// {claims, signWith: "stray-key"} bends the next ID token (tests of T54); GET /__control/requests.
// Listens on 127.0.0.1 only. Run by hand: `node scripts/oauth-provider-server.mjs [port]`.
import { createHash, createSign, generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";

const CODE_TTL_MS = 60_000;
const b64url = (buf) => Buffer.from(buf).toString("base64url");
const esc = (s) =>
  String(s).replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]);

function makeKey(kid) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" } };
}

function signJwt(key, claims) {
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: key.kid }));
  const payload = b64url(JSON.stringify(claims));
  const signer = createSign("RSA-SHA256");
  signer.update(`${header}.${payload}`);
  return `${header}.${payload}.${b64url(signer.sign(key.privateKey))}`;
}

/**
 * A stable subject per provider and address, as a real account would have. An unverified address
 * is another account (someone claiming an address they cannot read), so it gets its own subject.
 */
function subjectOf(provider, email, verified) {
  const seed = createHash("sha256")
    .update(`${provider}:${verified ? "" : "unverified:"}${email}`)
    .digest();
  return provider === "github"
    ? String(10_000 + (seed.readUInt32BE(0) % 90_000_000))
    : seed.toString("hex").slice(0, 21);
}

function consentPage(provider, params, error) {
  const name = provider === "google" ? "Google" : "GitHub";
  const hidden = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Sign in with ${name} (local stand-in)</title>
<style>body{font:16px/1.5 system-ui,sans-serif;background:#eef1f5;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;border-radius:12px;box-shadow:0 2px 12px #0002;padding:2rem;max-width:26rem;width:calc(100% - 3rem)}
.tag{display:inline-block;background:#fde68a;color:#713f12;border-radius:6px;padding:.1rem .5rem;font-size:.8rem}
label{display:block;margin:.8rem 0 .2rem}input[type=email],input[type=text]{width:100%;box-sizing:border-box;padding:.5rem;font:inherit}
.row{display:flex;gap:.5rem;margin-top:1.2rem}button{font:inherit;padding:.55rem 1rem;border-radius:8px;border:1px solid #888;background:#fff}
button.primary{background:#1d4ed8;color:#fff;border-color:#1d4ed8}small{color:#555;word-break:break-all}.err{color:#b91c1c}</style></head>
<body><main><span class="tag">Local stand-in — not ${name}</span>
<h1>Sign in with ${name}</h1>
<p><small>App <b>${esc(params.client_id)}</b> asks to know your email address.<br>Returns to ${esc(params.redirect_uri)}</small></p>
${error ? `<p class="err">${esc(error)}</p>` : ""}
<form method="post">${hidden}
<label for="email">Account email</label><input id="email" name="login_email" type="email" value="ada@example.com" required>
<label><input type="checkbox" name="login_verified" value="1" checked> ${name} has verified this address</label>
<div class="row"><button class="primary" type="submit" name="decision" value="allow">Continue</button>
<button type="submit" name="decision" value="deny">Cancel</button></div></form></main></body></html>`;
}

export async function startOAuthProviderServer({ port = 0 } = {}) {
  const key = makeKey(`local-${randomBytes(4).toString("hex")}`);
  // Never in the JWKS: what an attacker's own key looks like.
  const strayKey = makeKey(key.kid);
  const state = {
    clients: new Map([
      ["local-google-client", { secret: "local-google-secret", provider: "google" }],
      ["local-github-client", { secret: "local-github-secret", provider: "github" }],
    ]),
    codes: new Map(),
    accessTokens: new Map(),
    nextIdToken: null,
    requests: [],
  };
  let base = "";

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    state.requests.push({ method: req.method, path: url.pathname, at: Date.now() });
    const send = (status, type, body, headers = {}) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...headers });
      res.end(body);
    };
    const json = (status, body) => send(status, "application/json", JSON.stringify(body));
    const form = () => Object.fromEntries(new URLSearchParams(text));
    const oauthError = (status, error, description) => json(status, { error, error_description: description });

    if (url.pathname === "/__control/requests") return json(200, { requests: state.requests });
    if (url.pathname === "/__control/clients" && req.method === "POST") {
      const { clientId, clientSecret, provider } = JSON.parse(text);
      state.clients.set(clientId, { secret: clientSecret, provider: provider ?? null });
      return json(200, { ok: true });
    }
    if (url.pathname === "/__control/next-id-token" && req.method === "POST") {
      state.nextIdToken = JSON.parse(text);
      return json(200, { ok: true });
    }

    const match = /^\/(google|github)(\/.*)$/.exec(url.pathname);
    if (!match) return json(404, { error: "not_found" });
    const [, provider, rest] = match;

    const isAuthorize = rest === "/authorize" || rest === "/login/oauth/authorize";
    if (isAuthorize && req.method === "GET") {
      const params = Object.fromEntries(url.searchParams);
      const client = state.clients.get(params.client_id ?? "");
      if (!client || (client.provider && client.provider !== provider))
        return send(
          400,
          "text/html; charset=utf-8",
          "<h1>Error 401: invalid_client</h1><p>The OAuth client was not found.</p>",
        );
      if (!params.redirect_uri || !params.state || params.code_challenge_method !== "S256" || !params.code_challenge)
        return send(400, "text/html; charset=utf-8", "<h1>Error 400: invalid_request</h1>");
      return send(200, "text/html; charset=utf-8", consentPage(provider, params));
    }
    if (isAuthorize && req.method === "POST") {
      const f = form();
      const back = new URL(f.redirect_uri);
      back.searchParams.set("state", f.state ?? "");
      if (f.decision === "deny") {
        back.searchParams.set("error", "access_denied");
        return send(302, "text/plain", "", { location: back.toString() });
      }
      const email = String(f.login_email ?? "")
        .trim()
        .toLowerCase();
      const code = b64url(randomBytes(24));
      state.codes.set(code, {
        provider,
        clientId: f.client_id,
        redirectUri: f.redirect_uri,
        challenge: f.code_challenge,
        nonce: f.nonce ?? null,
        account: {
          email,
          verified: f.login_verified === "1",
          sub: f.login_sub || subjectOf(provider, email, f.login_verified === "1"),
        },
        expiresAt: Date.now() + CODE_TTL_MS,
        used: false,
      });
      back.searchParams.set("code", code);
      return send(302, "text/plain", "", { location: back.toString() });
    }

    const isToken = rest === "/token" || rest === "/login/oauth/access_token";
    if (isToken && req.method === "POST") {
      const f = form();
      const auth = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
      const [clientId, clientSecret] = auth
        ? Buffer.from(auth[1], "base64").toString("utf8").split(":")
        : [f.client_id, f.client_secret];
      const client = state.clients.get(clientId ?? "");
      if (!client || client.secret !== clientSecret)
        return oauthError(401, "invalid_client", "Bad client credentials.");
      const grant = state.codes.get(f.code ?? "");
      if (!grant || grant.provider !== provider) return oauthError(400, "invalid_grant", "Unknown code.");
      // A code works once; a second use also revokes what the first one got (RFC 6749 §4.1.2).
      if (grant.used) {
        for (const t of grant.issued ?? []) state.accessTokens.delete(t);
        return oauthError(400, "invalid_grant", "Code already used.");
      }
      grant.used = true;
      if (grant.expiresAt < Date.now()) return oauthError(400, "invalid_grant", "Code expired.");
      if (grant.clientId !== clientId) return oauthError(400, "invalid_grant", "Code issued to another client.");
      if (grant.redirectUri !== f.redirect_uri) return oauthError(400, "invalid_grant", "redirect_uri mismatch.");
      const challenge = createHash("sha256")
        .update(f.code_verifier ?? "")
        .digest("base64url");
      if (challenge !== grant.challenge) return oauthError(400, "invalid_grant", "PKCE verification failed.");
      const accessToken = b64url(randomBytes(24));
      grant.issued = [accessToken];
      state.accessTokens.set(accessToken, { provider, account: grant.account });
      if (provider === "github")
        return json(200, { access_token: accessToken, token_type: "bearer", scope: "read:user,user:email" });
      const now = Math.floor(Date.now() / 1000);
      const bend = state.nextIdToken ?? {};
      state.nextIdToken = null;
      const claims = {
        iss: `${base}/google`,
        aud: clientId,
        azp: clientId,
        sub: grant.account.sub,
        email: grant.account.email,
        email_verified: grant.account.verified,
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
        iat: now,
        exp: now + 3600,
        ...(bend.claims ?? {}),
      };
      const idToken = signJwt(bend.signWith === "stray-key" ? strayKey : key, claims);
      return json(200, {
        access_token: accessToken,
        id_token: idToken,
        token_type: "Bearer",
        expires_in: 3599,
        scope: "openid email profile",
      });
    }
    if (provider === "google" && rest === "/jwks") return json(200, { keys: [key.jwk] });

    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const session = bearer ? state.accessTokens.get(bearer) : undefined;
    if (provider === "google" && rest === "/userinfo") {
      if (!session || session.provider !== "google") return json(401, { error: "invalid_token" });
      const a = session.account;
      return json(200, { sub: a.sub, email: a.email, email_verified: a.verified });
    }
    if (provider === "github" && (rest === "/api/user" || rest === "/api/user/emails")) {
      if (!session || session.provider !== "github") return json(401, { message: "Bad credentials" });
      const a = session.account;
      if (rest === "/api/user") return json(200, { id: Number(a.sub), login: a.email.split("@")[0], email: null });
      return json(200, [{ email: a.email, primary: true, verified: a.verified, visibility: "private" }]);
    }
    return json(404, { error: "not_found" });
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  base = `http://127.0.0.1:${address.port}`;
  return {
    host: "127.0.0.1",
    port: address.port,
    url: base,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startOAuthProviderServer({ port: Number(process.argv[2] ?? 8791) });
  console.log(`OAuth provider stand-in on ${server.url} (google, github)`);
}
