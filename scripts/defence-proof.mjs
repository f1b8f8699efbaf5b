// `npm run attack:proof`: proves the attack tests can fail. For each defence below it removes the
// defence from the source (one exact edit), runs the tests that should catch it, records which of
// them went red, and puts the source back — also on Ctrl-C. A defence whose removal leaves every
// test green is a hole in the suite and makes this script exit non-zero.
//
// It edits the working tree, so run it on a clean checkout (it refuses when a file it would edit has
// uncommitted changes). It is not part of `npm test`: each line costs a workerd start.
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bin, root, run } from "./lib.mjs";

const WORKERD = "vitest.config.ts";
const NODE = "vitest.node.config.ts";

/**
 * One defence: where it lives, the exact text that is the defence, what it becomes without it, and
 * the tests expected to catch the removal. `find` must occur exactly once, so a refactor that moves
 * the defence breaks this script loudly instead of silently proving nothing.
 */
export const DEFENCES = [
  {
    id: "T12",
    defence: "the owner filter in the policy evaluator (lists see only the subject's rows)",
    file: "platform/policy/evaluate.ts",
    find: 'return subject.userId === null ? FALSE : { kind: "compare", field: "ownerId", op: "=", value: subject.userId };',
    replace: 'return { kind: "true" };',
    config: WORKERD,
    tests: ["test/attacks/t11-t12-idor.test.ts", "test/attacks/t05-t11-t12-model.test.ts"],
  },
  {
    id: "T11",
    defence: "the owner check on one document (read, update, delete by id)",
    file: "platform/policy/evaluate.ts",
    find: 'if (atom.kind === "owner" && (!resource || resource.ownerId === null || resource.ownerId !== subject.userId))',
    replace: "if (false)",
    config: WORKERD,
    tests: ["test/attacks/t11-t12-idor.test.ts", "test/attacks/t05-t11-t12-model.test.ts"],
  },
  {
    id: "T47",
    defence: "the plane is decided from the Host header alone (forwarding headers are never read)",
    file: "platform/worker/host.ts",
    find: 'return classifyHost(request.headers.get("host") ?? url.host,',
    replace: 'return classifyHost(request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host,',
    config: WORKERD,
    tests: ["test/attacks/t03-t17-t18-errors.test.ts", "test/attacks/t13-t15-cross-app.test.ts"],
  },
  {
    id: "T55",
    defence: "a custom domain's ownership proof (the TXT record must hold this app's token)",
    file: "platform/worker/domain-lifecycle.ts",
    find: 'if (!proof.ok) return { ok: false, reason: "unproven", message: proof.message };',
    replace: "void proof;",
    config: WORKERD,
    tests: ["test/attacks/t55-domains.test.ts"],
  },
  {
    id: "T55",
    defence: "on a custom domain every non-API request checks the app's revision (removal stops assets at once)",
    file: "platform/worker/app/router.ts",
    find: 'const cachedPath = "slug" in key ? isCachedPath(c.req.path) : c.req.path.startsWith("/_api/");',
    replace: "const cachedPath = isCachedPath(c.req.path);",
    config: WORKERD,
    tests: ["test/attacks/t55-domains.test.ts"],
  },
  {
    id: "T23",
    defence: "session cookies are HttpOnly",
    file: "platform/auth/cookies.ts",
    find: "httpOnly: true,",
    replace: "httpOnly: false,",
    config: WORKERD,
    tests: ["test/integration/studio-auth.test.ts", "test/attacks/t13-t15-cross-app.test.ts"],
  },
  {
    id: "T34",
    defence: "the Stripe webhook signature check",
    file: "platform/billing/verify.ts",
    find: 'return { ok: false, reason: "invalid_signature" };',
    replace: "return { ok: true, event: JSON.parse(new TextDecoder().decode(body)) };",
    config: WORKERD,
    tests: ["test/attacks/t34-t37-webhooks.test.ts"],
  },
  {
    id: "T36",
    defence: "the webhook event id de-duplication",
    file: "platform/billing/apply.ts",
    find: 'if (sql.exec("SELECT 1 FROM webhook_events WHERE id = ?", event.id).toArray().length > 0)',
    replace: "if (false)",
    config: WORKERD,
    tests: ["test/attacks/t34-t37-webhooks.test.ts"],
  },
  {
    id: "T45",
    defence: "the builder's import allowlist",
    file: "sandbox/build/vfs-plugin.ts",
    find: "if (!opts.allowed.has(spec)) {",
    replace: "if (false) {",
    config: NODE,
    tests: ["sandbox/build/build-refusals.node.test.ts"],
  },
  {
    id: "T01",
    defence: "the builder's secret scan",
    file: "sandbox/build/secrets.ts",
    find: "export function scanSecrets(text: string): SecretHit[] {",
    replace: "export function scanSecrets(text: string): SecretHit[] {\n  if (text.length >= 0) return [];",
    config: NODE,
    tests: ["sandbox/build/check.test.ts", "sandbox/build/build-refusals.node.test.ts"],
  },
  {
    id: "T33",
    defence: "frame-ancestors 'none' on every app response",
    file: "platform/worker/app/headers.ts",
    find: "\"frame-ancestors 'none'\",",
    replace: "",
    config: WORKERD,
    tests: ["test/integration/publish-serving.test.ts"],
  },
  {
    id: "T31",
    defence: "the preview bridge's nonce check",
    file: "sandbox/preview/host.ts",
    find: 'if (!constantTimeEqual(message.nonce, ctx.nonce)) return { ok: false, reason: "nonce" };',
    replace: "",
    config: NODE,
    tests: ["sandbox/preview/host.test.ts", "sandbox/preview/bridge.test.ts"],
  },
  {
    id: "T60",
    defence: "the unique_values primary key refusing a second claim (one vote per user per answer)",
    file: "platform/object/unique.ts",
    find: "if (claimed.length === 0) {",
    replace: "if (claimed.length < 0) {",
    config: WORKERD,
    tests: ["test/attacks/t60-t61-votes-capacity.test.ts"],
  },
  {
    id: "T61",
    defence: "the capacity count per value of the capacity field, inside the create's transaction",
    file: "platform/object/relations.ts",
    find: "if ((row?.n ?? 0) >= max)",
    replace: "if ((row?.n ?? 0) >= Number.POSITIVE_INFINITY)",
    config: WORKERD,
    tests: ["test/attacks/t60-t61-votes-capacity.test.ts"],
  },
  {
    id: "T48",
    defence: "the per-user document quota",
    file: "platform/object/limits.ts",
    find: "const base = spec.limits.maxDocumentsPerUser ?? Number.POSITIVE_INFINITY;",
    replace: "const base = Number.POSITIVE_INFINITY;",
    config: WORKERD,
    tests: ["test/attacks/t48-quotas.test.ts"],
  },
  {
    id: "T05",
    defence: "the plan check in the policy evaluator (a `plan:` rule needs the plan in server state)",
    file: "platform/policy/evaluate.ts",
    find: 'if (!subject.plans.includes(atom.plan)) return deny("no_plan");',
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t05-t06-t08-paywall.test.ts", "test/attacks/t05-t11-t12-model.test.ts"],
  },
  {
    id: "T20",
    defence: "the login throttle (attempts per account and address in a window)",
    file: "platform/auth/throttle.ts",
    find: "if (count.attempts <= policy.maxAttempts) return { allowed: true };",
    replace: "return { allowed: true };",
    config: WORKERD,
    tests: ["test/attacks/t20-t26-app-auth.test.ts"],
  },
  {
    id: "T18",
    defence: "malformed JSON answered 400 invalid_json (not a 500)",
    file: "platform/http/body.ts",
    find: 'throw badRequest("The body is not valid JSON.", "invalid_json");',
    replace: 'throw new Error("the body was not parsed");',
    config: WORKERD,
    tests: ["test/attacks/t03-t17-t18-openapi-fuzz.test.ts"],
  },
  {
    id: "T59",
    defence: "spending an export link when it is used (single use)",
    file: "platform/object/export-links.ts",
    find: "store.kv.put<StoredLink>(key, { ...link, usedAt: now });",
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t59-export.test.ts"],
  },
  {
    id: "T59",
    defence: "the per-user counts on imported records",
    file: "platform/object/import-data.ts",
    find: "countCreate(tx, manifest, collection, spec, { userId: ownerId, plans: [] });",
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t59-export.test.ts"],
  },
  {
    id: "T54",
    defence: "an OAuth state works once (the flow is deleted as it is read)",
    file: "platform/oauth/flows.ts",
    find: "`DELETE FROM oauth_flows WHERE state_hash = ?1 RETURNING ${FLOW_COLUMNS}`",
    replace: "`SELECT ${FLOW_COLUMNS} FROM oauth_flows WHERE state_hash = ?1`",
    config: WORKERD,
    tests: ["test/attacks/t54-oauth.test.ts"],
  },
  {
    id: "T54",
    defence: "an OAuth flow finishes only in the browser that started it (the binding cookie)",
    file: "platform/oauth/flows.ts",
    find: 'if (!bound) return { ok: false, reason: "other_browser" };',
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t54-oauth.test.ts"],
  },
  {
    id: "T54",
    defence: "the ID token's audience is the app's own client id",
    file: "platform/oauth/id-token.ts",
    find: 'if (!audiences.includes(expect.audience)) return { ok: false, reason: "audience" };',
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t54-oauth.test.ts"],
  },
  {
    id: "T54",
    defence: "the ID token's signature is checked against the JWKS",
    file: "platform/oauth/id-token.ts",
    find: 'if (!valid) return { ok: false, reason: "signature" };',
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t54-oauth.test.ts"],
  },
  {
    id: "T54",
    defence: "only a verified provider email links or creates an account",
    file: "platform/object/oauth-sign-in.ts",
    find: 'if (!who.emailVerified) return { ok: false, reason: existing ? "unverified_email_taken" : "unverified_email" };',
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t54-oauth.test.ts"],
  },
  {
    id: "T65",
    defence: "a document's file downloads only for the readers its downloads rule allows (a purchase, or the creator)",
    file: "platform/object/api/downloads.ts",
    find: "  if (!allowed.allow)\n    throw refuse(",
    replace: "  if (false)\n    throw refuse(",
    config: WORKERD,
    tests: ["test/attacks/t65-t67-purchases.test.ts"],
  },
  {
    id: "T65",
    defence: "a one-time purchase is recorded once per Checkout Session (a second event for it grants nothing)",
    file: "platform/billing/purchases-apply.ts",
    find: 'if (sql.exec("SELECT 1 FROM purchases WHERE id = ?", facts.sessionId).toArray().length > 0)',
    replace: "if (false)",
    config: WORKERD,
    tests: ["test/attacks/t65-t67-purchases.test.ts"],
  },
  {
    id: "T66",
    defence: "a search is ANDed with the list's rule filter (it can only narrow what the list allows)",
    file: "platform/object/api/collections.ts",
    find: "        filterSql(filter),\n        search ? searchSql(name, search) : undefined,",
    replace: "        search ? undefined : filterSql(filter),\n        search ? searchSql(name, search) : undefined,",
    config: WORKERD,
    tests: ["test/attacks/t66-search.test.ts"],
  },
  {
    id: "T35",
    defence: "the webhook timestamp tolerance (a delivery older than 300 s is a replay)",
    file: "platform/billing/verify.ts",
    find: "      TOLERANCE_SECONDS,\n      cryptoProvider,",
    replace: "      0,\n      cryptoProvider,",
    config: WORKERD,
    tests: ["test/attacks/t34-t37-webhooks.test.ts"],
  },
  {
    id: "T37",
    defence: "a subscription snapshot older than the stored one is ignored as stale (the newest event wins)",
    file: "platform/billing/lifecycle.ts",
    find: 'case "snapshot": {\n      if (fact.at < row.eventCreated) return ignore("stale");',
    replace: 'case "snapshot": {',
    config: WORKERD,
    tests: ["test/attacks/t34-t37-webhooks.test.ts", "platform/billing/apply-order.test.ts"],
  },
  {
    id: "T50",
    defence: "a canceled or expired subscription is final (no later event revives it)",
    file: "platform/billing/lifecycle.ts",
    find: 'if (isFinal(row.status)) return ignore(!finalFact(fact) && fact.at < row.eventCreated ? "stale" : "final");',
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t50-subscription-lifecycle.test.ts"],
  },
  {
    id: "T38",
    defence: "a Connect event must come from the account of the creator who owns the app it names",
    file: "platform/billing/route.ts",
    find: "if (event.account && (await connectionOf(env.DB, app.creatorId)).accountId !== event.account) {",
    replace: "if (event.account && connectionOf === null) {",
    config: WORKERD,
    tests: ["test/attacks/t38-connect-account.test.ts"],
  },
  {
    id: "T24",
    defence: "cookie-authenticated unsafe requests from another site are refused (Sec-Fetch-Site / Origin)",
    file: "platform/worker/middleware.ts",
    find: "if (isUnsafeMethod(c.req.method) && !options.except?.(c.req.path) && isCrossSiteRequest(c.req.raw)) {",
    replace: "if (isUnsafeMethod(c.req.method) && !options.except?.(c.req.path) && isCrossSiteRequest === null) {",
    config: WORKERD,
    tests: ["test/attacks/t13-t15-cross-app.test.ts"],
  },
  {
    id: "T22",
    defence: "a login drops every session cookie the request presented (never upgrades a planted one)",
    file: "platform/object/api/auth.ts",
    find: '  for (const token of c.get("presentedTokens")) await revokeSession(sessions, token);\n  const { token, session }',
    replace: "  const { token, session }",
    config: WORKERD,
    tests: ["test/attacks/t20-t26-app-auth.test.ts"],
  },
  {
    id: "T25",
    defence: "a password reset ends every session of the user",
    file: "platform/object/api/auth.ts",
    find: "  await doSessionStore(store.db).deleteForUser(row.id);",
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t20-t26-app-auth.test.ts"],
  },
  {
    id: "T26",
    defence: "an email token works once (a used verify or reset token is refused)",
    file: "platform/object/email-tokens.ts",
    find: 'if (row.usedAt !== null) return { ok: false, reason: "used" };',
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t20-t26-app-auth.test.ts"],
  },
  {
    id: "T21",
    defence: "an unknown email and a wrong password get the same 401 body",
    file: "platform/object/api/auth.ts",
    find: 'if (!row || !ok) throw new ApiError(401, "invalid_credentials", WRONG_CREDENTIALS);',
    replace:
      'if (!row) throw new ApiError(401, "unknown_email", "No account has this email.");\n  if (!ok) throw new ApiError(401, "invalid_credentials", WRONG_CREDENTIALS);',
    config: WORKERD,
    tests: ["test/attacks/t20-t26-app-auth.test.ts"],
  },
  {
    id: "T07",
    defence: "a create body is strict: undeclared and server fields (ownerId, id, createdAt) are refused",
    file: "platform/object/documents.ts",
    find: "create: z.object(create).strict(),",
    replace: "create: z.object(create).passthrough(),",
    config: WORKERD,
    tests: ["test/attacks/t07-mass-assignment.test.ts"],
  },
  {
    id: "T07",
    defence: "a field `writable` gives to the creator only is refused to anyone else (400 field_not_writable)",
    file: "platform/object/visibility.ts",
    find: "if (refused.length === 0) return;",
    replace: "if (refused.length >= 0) return;",
    config: WORKERD,
    tests: ["test/attacks/t07-t56-field-rules.test.ts"],
  },
  {
    id: "T64",
    defence: "an update body is strict: a server-maintained count is no field and cannot be sent",
    file: "platform/object/documents.ts",
    find: "update: z.object(update).strict(),",
    replace: "update: z.object(update).passthrough(),",
    config: WORKERD,
    tests: ["test/attacks/t62-t63-t64-references-workflow-counts.test.ts"],
  },
  {
    id: "T62",
    defence: "a reference must name a document the writer's read rule allows",
    file: "platform/object/relations.ts",
    find: "if (!target || !row || !evaluate(target.rules.read, subject, ruleDocument(row)).allow)",
    replace: "if (!target || !row)",
    config: WORKERD,
    tests: ["test/attacks/t62-t63-t64-references-workflow-counts.test.ts"],
  },
  {
    id: "T63",
    defence: "a select field listed in `transitions` moves only along its declared edges",
    file: "platform/object/relations.ts",
    find: 'if (typeof to !== "string" || !allowed.includes(to))',
    replace: 'if (typeof to !== "string")',
    config: WORKERD,
    tests: ["test/attacks/t62-t63-t64-references-workflow-counts.test.ts"],
  },
  {
    id: "T57",
    defence: "a list filters only on the collection's `indexed` fields",
    file: "platform/object/list-query.ts",
    find: "(spec.indexed ?? []).includes(field) && Object.hasOwn(spec.fields, field) ? spec.fields[field] : undefined;",
    replace: "Object.hasOwn(spec.fields, field) ? spec.fields[field] : undefined;",
    config: WORKERD,
    tests: ["test/attacks/t12-t57-conditional-lists.test.ts"],
  },
  {
    id: "T57",
    defence: "a cursor is bound to the digest of the list it came from (filter, sort, caller)",
    file: "platform/object/cursor.ts",
    find: "if (!parsed.success || parsed.data.c !== bind.collection || parsed.data.s !== bind.scope) throw invalid();",
    replace: "if (!parsed.success || parsed.data.c !== bind.collection) throw invalid();",
    config: WORKERD,
    tests: ["test/attacks/t12-t57-conditional-lists.test.ts"],
  },
  {
    id: "T19",
    defence: "a list's limit is clamped to the platform cap (100)",
    file: "platform/object/api/collections.ts",
    find: "return Math.min(PLATFORM_CAPS.listLimit, Math.max(1, Number(raw)));",
    replace: "return Math.max(1, Number(raw));",
    config: WORKERD,
    tests: ["test/attacks/t10-t19-queries.test.ts"],
  },
  {
    id: "T19",
    defence: "a cursor's HMAC is checked before its position is read (no forged positions)",
    file: "platform/object/cursor.ts",
    find: 'if (!(await crypto.subtle.verify("HMAC", await key(secret), macBytes, signed(payload)))) throw invalid();',
    replace: "void macBytes;",
    config: WORKERD,
    tests: ["test/attacks/t10-t19-queries.test.ts", "platform/object/cursor.test.ts"],
  },
  {
    id: "T56",
    defence: "a write's answer is filtered by the read rule (204 when the caller may not read the result)",
    file: "platform/object/api/collections.ts",
    find: "if (!evaluate(spec.rules.read, subject, ruleDocument(row)).allow) return c.body(null, 204);",
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t07-t56-field-rules.test.ts"],
  },
  {
    id: "T16",
    defence: "a file is served only to the user who uploaded it (the owner in the lookup)",
    file: "platform/object/api/files.ts",
    find: ".where(and(eq(files.id, id), eq(files.ownerId, user.id)))",
    replace: ".where(and(eq(files.id, id)))",
    config: WORKERD,
    tests: ["test/attacks/t16-t42-files.test.ts"],
  },
  {
    id: "T42",
    defence: "an upload's type is sniffed from its bytes and must be one the app accepts",
    file: "platform/object/api/files.ts",
    find: "if (!actual || !limits.fileTypes.includes(actual)) {",
    replace: "if (limits.fileTypes.length < 0) {",
    config: WORKERD,
    tests: ["test/attacks/t16-t42-files.test.ts"],
  },
  {
    id: "T42",
    defence: "the per-user storage quota, reserved in the upload's transaction",
    file: "platform/object/api/files.ts",
    find: "if (userUsed + row.bytes > limits.storageBytesPerUser) {",
    replace: "if (userUsed < 0) {",
    config: WORKERD,
    tests: ["test/attacks/t16-t42-files.test.ts", "test/attacks/t48-quotas.test.ts"],
  },
  {
    id: "T17",
    defence: "a streamed body is cut off as soon as it passes the limit (no Content-Length needed)",
    file: "platform/http/body.ts",
    find: "    if (total > limit) {",
    replace: "    if (total < 0) {",
    config: WORKERD,
    tests: ["test/attacks/t17-t18-app-bodies.test.ts", "test/attacks/t03-t17-t18-errors.test.ts"],
  },
  {
    id: "T17",
    defence: "JSON nested deeper than the limit is refused",
    file: "platform/http/body.ts",
    find: 'if (depth > MAX_DEPTH) throw badRequest(`JSON is nested deeper than ${MAX_DEPTH} levels.`, "too_deep");',
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t17-t18-app-bodies.test.ts", "test/attacks/t03-t17-t18-errors.test.ts"],
  },
  {
    id: "T04",
    defence: "a user in a response is allow-listed (id, email, verified, created): no password hash",
    file: "platform/object/api/context.ts",
    find: "return { id: row.id, email: row.email, emailVerified: row.emailVerifiedAt !== null, createdAt: row.createdAt };",
    replace: "return { ...row, emailVerified: row.emailVerifiedAt !== null };",
    config: WORKERD,
    tests: ["test/integration/app-contract.test.ts"],
  },
  {
    id: "T39",
    defence: "the AI token reservation fits the creator's monthly allowance (one conditional UPDATE)",
    file: "platform/ai/meter.ts",
    find: "WHERE creator_id = ?2 AND month = ?3 AND used_tokens + reserved_tokens + ?1 <= ?4`,",
    replace: "WHERE creator_id = ?2 AND month = ?3 AND ?4 IS NOT NULL`,",
    config: WORKERD,
    tests: ["test/attacks/t39-t40-ai-metering.test.ts"],
  },
  {
    id: "T40",
    defence: "the AI turns-per-minute limit per creator",
    file: "platform/ai/meter.ts",
    find: "WHERE ai_rate.window_start != ?2 OR ai_rate.turns < ?3",
    replace: "WHERE ai_rate.window_start != ?2 OR ?3 IS NOT NULL",
    config: WORKERD,
    tests: ["test/attacks/t39-t40-ai-metering.test.ts"],
  },
  {
    id: "T41",
    defence: "the platform's keys are redacted from everything the model sends back",
    file: "platform/ai/safety.ts",
    find: "for (const s of secrets) if (s.length >= 8) out = out.split(s).join(REDACTED);",
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t41-t52-t53-ai-safety.test.ts"],
  },
  {
    id: "T52",
    defence: "the assistant writes only a blank's path (locked files, traversal and unknown names refused)",
    file: "platform/ai/blank-path.ts",
    find: "return problem ? { ok: false, reason: problem.message } : { ok: true };",
    replace: "return { ok: true };",
    config: WORKERD,
    tests: ["test/attacks/t41-t52-t53-ai-safety.test.ts"],
  },
  {
    id: "T49",
    defence: "the per-client hash budget (argon2 runs per address per minute)",
    file: "platform/auth/hash-budget.ts",
    find: 'if (own.attempts > HASH_BUDGET.perClient) return refuse(own.windowStart, input.now, "client");',
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t49-cpu-budget.test.ts"],
  },
  {
    id: "T29",
    defence: "Cross-Origin-Opener-Policy: same-origin on every app response",
    file: "platform/worker/app/headers.ts",
    find: '"Cross-Origin-Opener-Policy": "same-origin",',
    replace: '"Cross-Origin-Opener-Policy": "unsafe-none",',
    config: WORKERD,
    tests: ["test/integration/publish-serving.test.ts"],
  },
  {
    id: "T30",
    defence: "a request to register a service worker (Service-Worker: script) is refused",
    file: "platform/worker/app/router.ts",
    find: 'if (c.req.header("service-worker") === "script") throw notFound("Service workers are not allowed here.");',
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t30-service-worker.test.ts"],
  },
  {
    id: "T30",
    defence: "CSP worker-src 'none' on every app response",
    file: "platform/worker/app/headers.ts",
    find: "\"worker-src 'none'\",",
    replace: "\"worker-src 'self'\",",
    config: WORKERD,
    tests: ["test/integration/publish-serving.test.ts", "test/attacks/t30-service-worker.test.ts"],
  },
  {
    id: "T02",
    defence: "the builder inlines only the literal public defines (never the host's VITE_ environment)",
    file: "sandbox/build/index.ts",
    find: "define: { ...PUBLIC_DEFINES },",
    replace:
      'define: {\n      ...PUBLIC_DEFINES,\n      ...Object.fromEntries(\n        Object.entries(globalThis.process?.env ?? {})\n          .filter(([k]) => k.startsWith("VITE_"))\n          .map(([k, v]) => [`import.meta.env.${k}`, JSON.stringify(v)]),\n      ),\n    },',
    config: NODE,
    tests: ["sandbox/build/build-refusals.node.test.ts"],
  },
  {
    id: "T44",
    defence: "a file path with a `..` segment is refused",
    file: "sandbox/build/paths.ts",
    find: 'if (seg === "..") return { ok: false, reason: "path contains a \'..\' segment" };',
    replace: "",
    config: NODE,
    tests: ["sandbox/build/paths.test.ts", "sandbox/build/build-refusals.node.test.ts"],
  },
  {
    id: "T46",
    defence: "reserved slugs and slugs that imitate them are refused",
    file: "platform/apps/slug.ts",
    find: '  if (RESERVED_SLUGS.has(slug)) return { ok: false, reason: `"${slug}" is reserved; pick another name.` };\n  const imitated = imitatedReservedName(slug);',
    replace: "  const imitated = imitatedReservedName === null ? slug : undefined;",
    config: WORKERD,
    tests: ["test/attacks/t46-slugs.test.ts"],
  },
  {
    id: "T51",
    defence: "only exactly `development` or `test` turns dev features on; any other value is production",
    file: "platform/environment.ts",
    find: "if (raw !== undefined && DEV_VALUES.has(raw)) return raw as Environment;",
    replace:
      'if (raw !== undefined && raw !== "production") return (DEV_VALUES.has(raw) ? raw : "development") as Environment;',
    config: WORKERD,
    tests: ["test/attacks/t51-environment.test.ts"],
  },
  {
    id: "T58",
    defence: "the template push endpoint exists only where dev features exist",
    file: "platform/worker/studio/dev-templates.ts",
    find: 'if (!devFeaturesEnabled(c.env)) throw notFound("No such endpoint.");',
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t58-template-push.test.ts"],
  },
  {
    id: "T58",
    defence: "a pushed template is never read in production, even one planted in the bucket",
    file: "platform/templates/pushed.ts",
    find: "if (deployed || !devFeaturesEnabled(env)) return deployed;",
    replace: "if (deployed) return deployed;",
    config: WORKERD,
    tests: ["test/attacks/t58-template-push.test.ts"],
  },
  {
    id: "T14",
    defence: "a request presenting valid sessions of two users signs in nobody",
    file: "platform/object/session-user.ts",
    find: "const chosen = owners.size === 1 ? valid[0] : undefined;",
    replace: "const chosen = owners.size > 0 ? valid[0] : undefined;",
    config: WORKERD,
    tests: ["test/attacks/t13-t15-cross-app.test.ts"],
  },
  {
    id: "T13",
    defence: "session cookies are host-only (no Domain attribute shared with sibling apps)",
    file: "platform/auth/cookies.ts",
    find: '    path: "/",\n    httpOnly: true,',
    replace:
      '    path: "/",\n    domain: new URL(c.req.url).hostname.split(".").slice(1).join("."),\n    httpOnly: true,',
    config: WORKERD,
    tests: ["test/attacks/t13-t15-cross-app.test.ts"],
  },
  {
    id: "T15",
    defence: "a studio route finds an app by slug only among the signed-in creator's own apps",
    file: "platform/apps/queries.ts",
    find: "    .where(and(eq(apps.slug, slug), eq(apps.creatorId, creatorId)))\n    .get();\n  return row ?? null;",
    replace: "    .where(and(eq(apps.slug, slug)))\n    .get();\n  return row ?? null;",
    config: WORKERD,
    tests: ["test/integration/apps-t15-ownership.test.ts"],
  },
  {
    id: "T67",
    defence: "a per-document upgrade is bought only by the document's owner",
    file: "platform/object/purchases.ts",
    find: "if (spec.sets !== undefined && row.ownerId !== caller.user.id)",
    replace: "if (spec.sets !== undefined && row.ownerId === null)",
    config: WORKERD,
    tests: ["test/attacks/t65-t67-purchases.test.ts"],
  },
  {
    id: "T67",
    defence: "a full refund marks the purchase refunded (the entitlement ends)",
    file: "platform/billing/purchases-apply.ts",
    find: 'sql.exec("UPDATE purchases SET refunded_at = ? WHERE id = ?", at, row.id);',
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t65-t67-purchases.test.ts"],
  },
  {
    id: "T32",
    defence: "a preview reply goes only to the frame that asked, and not after it navigated",
    file: "sandbox/preview/host.ts",
    find: "if (disposed || gen !== generation || iframe.contentWindow !== source) return;",
    replace: "if (disposed) return;",
    config: NODE,
    tests: ["sandbox/preview/host.test.ts"],
  },
  {
    id: "T28",
    defence: "the studio opens for the preview only a URL the server just offered it, once",
    file: "web/src/preview/navigation-gate.ts",
    find: "return offered.delete(url);",
    replace: "return offered.delete(url) || /^https?:\\/\\//.test(url);",
    config: NODE,
    tests: ["web/src/preview/preview.test.ts"],
  },
  {
    id: "T03",
    defence: "an unhandled error answers a generic 500 (nothing of the error's message or stack)",
    file: "platform/errors.ts",
    find: 'message: "Something went wrong on our side. Try again; if it keeps happening, quote the request id.",',
    replace: 'message: err instanceof Error ? `${err.message}\\n${err.stack ?? ""}` : String(err),',
    config: WORKERD,
    tests: ["test/attacks/t03-t17-t18-errors.test.ts"],
  },
  {
    id: "T10",
    defence: "a filter's value is a bound parameter, never spliced into the SQL",
    file: "platform/object/query.ts",
    find: 'if (filter.op === "=") return v === null ? sql`(${e} IS NULL)` : sql`(${e} = ${v})`;',
    replace:
      'if (filter.op === "=") return v === null ? sql`(${e} IS NULL)` : sql`(${e} = ${sql.raw(typeof v === "string" ? `\'${v}\'` : String(v))})`;',
    config: WORKERD,
    tests: ["test/attacks/t10-t19-queries.test.ts"],
  },
  {
    id: "T68",
    defence: "a `verified` rule lets only end users with a confirmed email through (the double opt-in)",
    file: "platform/policy/evaluate.ts",
    find: 'if (subject.emailVerified !== true) return deny("unverified");',
    replace: "",
    config: WORKERD,
    tests: ["test/attacks/t68-verified-opt-in.test.ts"],
  },
  {
    id: "T69",
    defence: "a collection's createsPerHourPerUser refuses the create past the hour's budget",
    file: "platform/object/create-rate.ts",
    find: "if (w.count <= max) return;",
    replace: "return;",
    config: WORKERD,
    tests: ["test/attacks/t69-create-rate.test.ts"],
  },
];

/**
 * Threat ids with no row above, and why: each is design-level (there is no check in the source to
 * remove, only an absence the attack tests assert), shares its defence with another id's row, or
 * is defended only by the browser and so is not provable by a source edit and a workerd run. Every
 * id of docs/threats.md is in DEFENCES or here; a full run fails on an id that is in neither.
 */
export const WITHOUT_A_ROW = [
  {
    id: "T06",
    why:
      "design-level: no server route reads the checkout success URL (it is an app page with a query string); " +
      "plans and purchases are written only by the verified webhook path, proven by the T34, T35, T36 and T65 rows",
  },
  {
    id: "T08",
    why:
      "the same defence as T05 (the evaluator's plan check): the T05 row goes red in " +
      "t05-t06-t08-paywall.test.ts › T05/T08: a plan:pro collection refuses a free user, whatever the frontend shows",
  },
  {
    id: "T09",
    why:
      "design-level: no route exposes D1, R2, KV or an admin surface on an app origin, so there is no check to " +
      "remove; t09-internal-endpoints.test.ts asserts the absence (20 guessed paths, writes, the studio API)",
  },
  {
    id: "T27",
    why:
      "browser-only and partial: the studio renders names and blank content as React text (no escape call to " +
      "remove) and no test asserts the studio's script-src; test/e2e/editor.e2e.ts shows blank content as text",
  },
  {
    id: "T43",
    why:
      "design-level: no user-controlled server-side fetch exists (Stripe, the DoH resolver, Cloudflare's API and " +
      "the OAuth providers are called at configured addresses only)",
  },
  {
    id: "T53",
    why:
      "design-level: the prompt is built only from this app's template, draft blanks and conversation " +
      "(platform/ai/prompt.ts is given nothing else); t41-t52-t53-ai-safety.test.ts records every prompt the model " +
      "server receives and asserts no other app's blanks, end-user data or platform secret",
  },
];

/** The ids docs/threats.md defines that neither list accounts for. */
async function unaccountedIds() {
  const catalogue = await readFile(join(root, "docs/threats.md"), "utf8");
  const ids = [...catalogue.matchAll(/<a id="(T\d+)"><\/a>/g)].map((m) => m[1]);
  const known = new Set([...DEFENCES.map((d) => d.id), ...WITHOUT_A_ROW.map((w) => w.id)]);
  return ids.filter((id) => !known.has(id));
}

function dirtyFiles() {
  return new Set(
    execFileSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((line) => line.slice(3)),
  );
}

async function runTests(defence) {
  const dir = await mkdtemp(join(tmpdir(), "sandlot-proof-"));
  const report = join(dir, "report.json");
  try {
    const code = await run(
      bin("vitest"),
      [
        "run",
        "--config",
        defence.config,
        "--maxWorkers=1",
        "--reporter=dot",
        "--reporter=json",
        `--outputFile.json=${report}`,
        ...defence.tests,
      ],
      // The project's own Node (node_modules/.bin first, as under `npm run`): vitest's reporters need Node ≥ 22.
      { stdio: "ignore", env: { PATH: `${root}node_modules/.bin:${process.env.PATH}` } },
    );
    const json = JSON.parse(await readFile(report, "utf8").catch(() => "null"));
    const red = [];
    for (const file of json?.testResults ?? []) {
      for (const t of file.assertionResults ?? []) {
        if (t.status === "failed") red.push(`${file.name.slice(root.length)} › ${t.fullName}`);
      }
      if (file.status === "failed" && (file.assertionResults ?? []).every((t) => t.status !== "failed")) {
        red.push(`${file.name.slice(root.length)} (did not load: ${String(file.message).split("\n")[0]})`);
      }
    }
    return { code, red };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const only = process.argv.slice(2);
const chosen = only.length > 0 ? DEFENCES.filter((d) => only.includes(d.id)) : DEFENCES;
const dirty = dirtyFiles();
const refused = chosen.filter((d) => dirty.has(d.file)).map((d) => d.file);
if (refused.length > 0) {
  console.error(
    `defence-proof: commit or stash these first (they would be edited): ${[...new Set(refused)].join(", ")}`,
  );
  process.exit(2);
}

let restore = null;
process.on("SIGINT", async () => {
  if (restore) await restore();
  process.exit(130);
});

const rows = [];
for (const defence of chosen) {
  const path = join(root, defence.file);
  const original = await readFile(path, "utf8");
  const count = original.split(defence.find).length - 1;
  if (count !== 1) {
    rows.push({
      ...defence,
      caught: false,
      red: [],
      note: `the defence text occurs ${count} times in ${defence.file}`,
    });
    continue;
  }
  restore = () => writeFile(path, original);
  const started = performance.now();
  try {
    await writeFile(path, original.replace(defence.find, defence.replace));
    const { code, red } = await runTests(defence);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    rows.push({ ...defence, caught: code !== 0 && red.length > 0, red, note: `${seconds} s` });
  } finally {
    await restore();
    restore = null;
  }
  const row = rows.at(-1);
  console.log(`${row.caught ? "✓ caught" : "✗ NOT caught"}  ${defence.id} ${defence.defence} (${row.note})`);
  for (const name of row.red.slice(0, 3)) console.log(`    red: ${name}`);
  if (row.red.length > 3) console.log(`    … and ${row.red.length - 3} more`);
}

console.log("\n| threat | defence removed | file | went red (first test) | red tests |");
console.log("|---|---|---|---|---|");
for (const r of rows) {
  const first = r.red[0] ?? (r.caught ? "" : `NOT CAUGHT — ${r.note}`);
  console.log(`| ${r.id} | ${r.defence} | \`${r.file}\` | ${first.replaceAll("|", "\\|")} | ${r.red.length} |`);
}
const holes = rows.filter((r) => !r.caught);
console.log(`\n${rows.length - holes.length} of ${rows.length} defence removals caught by the tests`);
const proven = new Set(DEFENCES.map((d) => d.id));
console.log(`\n${proven.size} threat ids have a row; ${WITHOUT_A_ROW.length} have none, and why:`);
for (const w of WITHOUT_A_ROW) console.log(`- ${w.id}: ${w.why}`);
const unaccounted = await unaccountedIds();
if (unaccounted.length > 0) {
  console.log(`\nin docs/threats.md but neither proven here nor explained: ${unaccounted.join(", ")}`);
}
// A filtered run proves only its rows; a full run also answers for every id of the catalogue.
const incomplete = only.length === 0 && unaccounted.length > 0;
process.exit(holes.length === 0 && !incomplete ? 0 : 1);
