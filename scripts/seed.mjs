// Seeds the local demo through the studio's public HTTP API. Idempotent: a second run signs in
// and leaves an existing demo app as it is.
export const DEMO = {
  email: "demo@sandlot.local",
  password: "sandlot-demo-password",
  slug: "demo",
  template: "saas-starter",
  name: "Demo",
};

class Session {
  constructor(base) {
    this.base = base;
    this.cookie = "";
  }
  async call(method, path, body) {
    const headers = { "sec-fetch-site": "same-origin" };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(new URL(path, this.base), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie?.() ?? [];
    for (const line of set) {
      const pair = line.split(";")[0];
      if (pair.startsWith("sandlot_session=")) this.cookie = pair;
    }
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { raw: text };
    }
    return { status: res.status, json };
  }
}

export async function seedDemo({ studio }) {
  const s = new Session(studio);
  let r = await s.call("POST", "/api/auth/login", { email: DEMO.email, password: DEMO.password });
  if (r.status !== 200) {
    r = await s.call("POST", "/api/auth/signup", { email: DEMO.email, password: DEMO.password });
    if (r.status !== 201) throw new Error(`demo signup: ${r.status} ${JSON.stringify(r.json)}`);
  }
  const templates = await s.call("GET", "/api/templates");
  const ids = (templates.json?.templates ?? []).map((t) => t.id);
  const template = ids.includes(DEMO.template) ? DEMO.template : ids[0];
  if (!template) throw new Error("no templates are available to seed the demo app");
  const existing = await s.call("GET", `/api/apps/${DEMO.slug}`);
  if (existing.status === 404) {
    r = await s.call("POST", "/api/apps", { slug: DEMO.slug, template, name: DEMO.name });
    if (r.status !== 201) throw new Error(`demo app: ${r.status} ${JSON.stringify(r.json)}`);
  }
  const app = (await s.call("GET", `/api/apps/${DEMO.slug}`)).json?.app;
  if (!app?.version) {
    r = await s.call("POST", `/api/apps/${DEMO.slug}/publish`);
    if (r.status !== 201) throw new Error(`demo publish: ${r.status} ${JSON.stringify(r.json)}`);
  }
  const url = new URL(studio);
  return { email: DEMO.email, password: DEMO.password, url: `${url.protocol}//${DEMO.slug}.${url.host}` };
}
