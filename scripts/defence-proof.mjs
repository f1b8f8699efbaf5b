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
];

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
process.exit(holes.length === 0 ? 0 : 1);
