// Hostile code in the studio's live preview (the app's frontend runs there too): it knows the
// bridge nonce (it is in its own address), so it speaks the bridge protocol itself and asks the
// studio for what the SDK never would — the studio's own API, paths that climb out of the preview
// prefix, queries on writes, a forged shell error, and pages to open. The studio must answer only
// the allow-listed app-plane calls, open only the checkout page the server returned, and make no
// request on the creator's session that the preview asked for.
import { expect, openWorkspace, previewFrameHandle, readFiles, test } from "./fixtures";

interface Outcome {
  name: string;
  status: number | "no answer";
}

test("T28, T31: a hostile preview speaks the bridge itself; the studio answers only the allow-list and opens only the server's checkout", async ({
  page,
  app,
  context,
}) => {
  await openWorkspace(page, app);
  const before = await readFiles(context.request, app.slug);
  const studioCalls: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith("/api/")) studioCalls.push(`${r.method()} ${url.pathname}${url.search}`);
  });
  const popups: string[] = [];
  page.context().on("page", (p) => popups.push(p.url()));

  const outcomes = await previewFrameHandle(page).evaluate(async (slug) => {
    const nonce = new URLSearchParams(location.hash.slice(1)).get("sandlot-preview") ?? "";
    let seq = 0;
    const ask = (message: Record<string, unknown>): Promise<{ status: number | "no answer"; body: unknown }> =>
      new Promise((resolve) => {
        const id = `h${++seq}`;
        const timer = setTimeout(() => {
          removeEventListener("message", on);
          resolve({ status: "no answer", body: null });
        }, 3000);
        function on(event: MessageEvent): void {
          const d = event.data as { type?: string; id?: string; status?: number; body?: unknown };
          if (d?.type !== "sandlot:response" || d.id !== id) return;
          clearTimeout(timer);
          removeEventListener("message", on);
          resolve({ status: d.status ?? 0, body: d.body });
        }
        addEventListener("message", on);
        window.parent.postMessage({ type: "sandlot:request", nonce, id, ...message }, "*");
      });
    const out: Array<{ name: string; status: number | "no answer" }> = [];
    const attempt = async (name: string, message: Record<string, unknown>): Promise<unknown> => {
      const r = await ask(message);
      out.push({ name, status: r.status });
      return r.body;
    };
    await attempt("the studio's files API", { method: "PATCH", path: `/api/apps/${slug}/files` });
    await attempt("the studio's session", { method: "GET", path: "/api/auth/me" });
    await attempt("climb out with ..", { method: "GET", path: "/_api/../../../api/auth/me" });
    await attempt("climb out with %2e%2e", { method: "GET", path: "/_api/collections/%2e%2e/%2e%2e/%2e%2e/files" });
    await attempt("a query on a write", { method: "POST", path: "/_api/collections/slots?ownerId=x" });
    await attempt("a repeated list parameter", { method: "GET", path: "/_api/collections/slots?limit=1&limit=100" });
    await attempt("an absolute URL", { method: "GET", path: "http://localhost/api/auth/me" });
    // The bridge's own shapes, broken: another nonce gets no answer at all.
    window.parent.postMessage(
      { type: "sandlot:request", nonce: "x".repeat(32), id: "forged", method: "GET", path: "/_api/app" },
      "*",
    );
    window.parent.postMessage(
      { type: "sandlot-shell:error", nonce: "y".repeat(32), message: "Forged by the preview" },
      "*",
    );
    // An allowed call still works (the allow-list is not a wall), and a checkout gives one URL to open.
    await attempt("allowed: the app's public info", { method: "GET", path: "/_api/app" });
    await attempt("allowed: sign up in the preview", {
      method: "POST",
      path: "/_api/auth/signup",
      body: {
        email: `hostile-${crypto.randomUUID().slice(0, 8)}@example.com`,
        password: "correct horse battery staple",
      },
    });
    const checkout = (await attempt("allowed: start a checkout", {
      method: "POST",
      path: "/_api/billing/checkout",
      body: { plan: "pro" },
    })) as { url?: string } | null;
    const navigate = (url: string): void => window.parent.postMessage({ type: "sandlot:navigate", nonce, url }, "*");
    navigate("http://evil.example/phish");
    navigate(`http://localhost:${location.port || "80"}/api/auth/me`);
    if (checkout?.url) {
      navigate(checkout.url);
      navigate(checkout.url);
    }
    return { out, checkoutUrl: checkout?.url ?? null };
  }, app.slug);

  const byName = Object.fromEntries(outcomes.out.map((o: Outcome) => [o.name, o.status]));
  for (const refused of [
    "the studio's files API",
    "the studio's session",
    "climb out with ..",
    "climb out with %2e%2e",
    "a query on a write",
    "a repeated list parameter",
    "an absolute URL",
  ]) {
    // Refused by the studio (404, "not part of the app API"), or not even a bridge message by the
    // protocol's shapes (no answer); that none was forwarded is checked on the network below.
    expect([404, "no answer"], `${refused}: ${JSON.stringify(outcomes.out)}`).toContain(byName[refused]);
  }
  expect(byName["allowed: the app's public info"]).toBe(200);
  expect(byName["allowed: sign up in the preview"]).toBe(201);
  expect(byName["allowed: start a checkout"]).toBe(200);
  expect(outcomes.checkoutUrl).toMatch(/^https?:\/\//);

  // Only the server's checkout page opened, once; the phishing page and the studio URL did not.
  await expect.poll(() => popups.length).toBe(1);
  await page.waitForTimeout(500);
  expect(popups).toHaveLength(1);
  // Every call the studio made for the preview went under the preview prefix, and no more.
  const forPreview = studioCalls.filter((c) => c.includes("/preview/_api/"));
  expect(forPreview.map((c) => c.replace(/^\w+ \/api\/apps\/[^/]+\/preview/, ""))).toEqual(
    expect.arrayContaining(["/_api/app", "/_api/auth/signup", "/_api/billing/checkout"]),
  );
  expect(studioCalls.filter((c) => /\.\.|%2e|ownerId=|limit=1&limit/i.test(c))).toEqual([]);
  // Nothing the preview asked for became a write on the creator's own session.
  expect(studioCalls.filter((c) => !c.startsWith("GET") && !c.includes("/preview/_api/"))).toEqual([]);
  // The forged shell error changed nothing on the studio's side, and the draft is as it was.
  await expect(page.getByText("Forged by the preview")).toHaveCount(0);
  expect(await readFiles(context.request, app.slug)).toEqual(before);
});
