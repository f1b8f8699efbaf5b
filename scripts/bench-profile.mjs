/**
 * `npm run bench:profile`: where the time goes on the two hot paths, from workerd's own V8 CPU
 * profiler. It starts the bench's platform (bench-platform.mjs), sets up a published app with a
 * signed-in end user and 50 records, then, through the inspector each Worker exposes (the
 * DevTools protocol over a WebSocket), samples
 *   - the platform Worker (and the app's Durable Object, which runs in the same isolate locally)
 *     while 400 `GET /_api/collections/posts?limit=20` are answered, and
 *   - the builder Worker while 5 publishes build,
 * and prints each profile's top functions by self time. A measurement tool: nothing is asserted.
 */
import { hostRequest, startPlatform } from "./bench-platform.mjs";

const PASSWORD = "correct horse battery staple";
const TEMPLATE = "sandlot-rules"; // rate limits of 10 000 a minute leave room for the load

/** One request with any Host, answering its status, text and the cookies it set. */
async function call(port, host, method, path, options = {}) {
  const res = await hostRequest(port, host, method, path, options);
  const set = [res.headers["set-cookie"] ?? []]
    .flat()
    .map((l) => l.split(";")[0])
    .join("; ");
  return { status: res.status, text: res.body.toString("utf8"), cookie: set };
}

async function must(res, status, what) {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 300)}`);
  return res;
}

/** The DevTools protocol over one WebSocket: send(method, params) → result. */
async function inspect(wsUrl) {
  // The inspector proxy accepts only local origins (a DNS-rebinding guard).
  const ws = new WebSocket(wsUrl, { headers: { origin: "http://localhost" } });
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error(`cannot open ${wsUrl}`));
  });
  let id = 0;
  const waiting = new Map();
  ws.onmessage = (m) => {
    const msg = JSON.parse(String(m.data));
    if (msg.id && waiting.has(msg.id)) {
      waiting.get(msg.id)(msg);
      waiting.delete(msg.id);
    }
  };
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      waiting.set(n, (msg) => (msg.error ? reject(new Error(`${method}: ${msg.error.message}`)) : resolve(msg.result)));
      ws.send(JSON.stringify({ id: n, method, params }));
    });
  return { send, close: () => ws.close() };
}

/** Self time per function (name and where it is), as percentages of the sampled time. */
function topBySelfTime(profile, count) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const total = profile.samples.length || 1;
  const byFunction = new Map();
  for (const [id, n] of hits) {
    const f = byId.get(id).callFrame;
    const file = f.url ? f.url.replace(/^.*\//, "") : "";
    const key = `${f.functionName || "(anonymous)"}${file ? ` ${file}:${f.lineNumber + 1}` : ""}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + n);
  }
  return [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, n]) => `${((100 * n) / total).toFixed(1).padStart(5)} %  ${key}`);
}

/**
 * Total (inclusive) time per named function: the share of samples with the function anywhere on
 * the stack, which names the stage (a handler, the identity check, the SQL) rather than its leaves.
 */
function topByTotalTime(profile, count) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = profile.samples.length || 1;
  const counts = new Map();
  for (const id of profile.samples) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at).callFrame.functionName;
      if (!name || name.startsWith("(") || seen.has(name)) continue;
      seen.add(name);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, n]) => `${((100 * n) / total).toFixed(1).padStart(5)} %  ${name}`);
}

async function profileWhile(target, body) {
  const inspector = await inspect(target.webSocketDebuggerUrl);
  try {
    await inspector.send("Profiler.enable");
    await inspector.send("Profiler.setSamplingInterval", { interval: 200 });
    await inspector.send("Profiler.start");
    const started = performance.now();
    await body();
    const ms = performance.now() - started;
    const { profile } = await inspector.send("Profiler.stop");
    return { profile, ms };
  } finally {
    inspector.close();
  }
}

const platform = await startPlatform();
try {
  const { port, url, inspectorPort } = platform;
  const studioHost = new URL(url).host;
  const signup = await must(
    await call(port, studioHost, "POST", "/api/auth/signup", {
      body: { email: `profile-${Date.now()}@example.com`, password: PASSWORD },
    }),
    201,
    "creator sign-up",
  );
  const creator = signup.cookie;
  const slug = `profile-${Date.now().toString(36)}`;
  const appHost = `${slug}.localhost:${port}`;
  await must(
    await call(port, studioHost, "POST", "/api/apps", { body: { slug, template: TEMPLATE }, cookie: creator }),
    201,
    "create",
  );
  await must(await call(port, studioHost, "POST", `/api/apps/${slug}/publish`, { cookie: creator }), 201, "publish");
  const user = await must(
    await call(port, appHost, "POST", "/_api/auth/signup", {
      body: { email: `reader-${Date.now()}@example.com`, password: PASSWORD },
    }),
    201,
    "end-user sign-up",
  );
  for (let i = 0; i < 50; i++) {
    await must(
      await call(port, appHost, "POST", "/_api/collections/posts", {
        body: { title: `Post ${i}`, status: "draft" },
        cookie: user.cookie,
      }),
      201,
      "create a post",
    );
  }

  const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const named = (re) => targets.find((t) => re.test(`${t.title} ${t.id} ${t.url ?? ""}`));
  const builder = named(/builder/i);
  const main = targets.find((t) => t !== builder) ?? targets[0];
  console.log(`inspector targets: ${targets.map((t) => t.title || t.id).join(", ")}`);

  const list = await profileWhile(main, async () => {
    for (let i = 0; i < 400; i++) {
      await must(
        await call(port, appHost, "GET", "/_api/collections/posts?limit=20", { cookie: user.cookie }),
        200,
        "list",
      );
    }
  });
  console.log(`\nplatform Worker + app object, 400 lists in ${list.ms.toFixed(0)} ms — top self time:`);
  for (const line of topBySelfTime(list.profile, 15)) console.log(line);
  console.log("— top total time (the function anywhere on the stack):");
  for (const line of topByTotalTime(list.profile, 25)) console.log(line);

  if (builder) {
    const build = await profileWhile(builder, async () => {
      for (let i = 0; i < 5; i++) {
        await must(
          await call(port, studioHost, "PUT", `/api/apps/${slug}/files`, {
            body: {
              files: { "src/blanks/Home.tsx": `export default function Home() {\n  return <h1>Run ${i}</h1>;\n}\n` },
            },
            cookie: creator,
          }),
          200,
          "save",
        ).catch(() => undefined);
        await must(
          await call(port, studioHost, "POST", `/api/apps/${slug}/publish`, { cookie: creator }),
          201,
          "publish",
        );
      }
    });
    console.log(`\nbuilder Worker, 5 publishes in ${build.ms.toFixed(0)} ms — top self time:`);
    for (const line of topBySelfTime(build.profile, 12)) console.log(line);
  }
} finally {
  await platform.stop();
}
