// The files of `sandlot template new`: a working template on the shared kit (sign-up, account,
// pricing, theme, brand) with one locked page per owner-scoped collection. Pure: specs in, files out
// (test/cli/template-new.test.ts checks the result passes `template check`).

const FIELD_TYPES = new Set(["text", "number", "boolean", "datetime", "select"]);
const NAME = /^[a-z][a-zA-Z0-9_]{0,39}$/;

const pascal = (s) =>
  s
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
const words = (s) =>
  s
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[-_]/g, " ")
    .toLowerCase();
const capital = (s) => s[0].toUpperCase() + s.slice(1);

/**
 * One `--collection` value: `name=field[:type],field[:type]…` (type text when omitted; the first
 * field is required). `recipes=title,servings:number,vegetarian:boolean`.
 * @returns {{ ok: true, collection: { name: string, fields: Array<{ name: string, type: string }> } } | { ok: false, error: string }}
 */
export function parseCollectionSpec(spec) {
  const [name, rest] = spec.split("=", 2);
  if (!NAME.test(name ?? ""))
    return { ok: false, error: `collection name "${name}" must be a letter then letters, digits or _ (≤ 40)` };
  const fields = (rest ?? "title")
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => {
      const [fname, type = "text"] = f.split(":");
      const select = /^select\(([^)]*)\)$/.exec(type);
      if (select) return { name: fname, type: "select", options: select[1].split("|").map((o) => o.trim()) };
      return { name: fname, type };
    });
  if (fields.length === 0) return { ok: false, error: `collection ${name} needs at least one field` };
  for (const f of fields) {
    if (!NAME.test(f.name)) return { ok: false, error: `field name "${f.name}" in ${name} is not allowed` };
    if (["id", "ownerId", "createdAt", "updatedAt"].includes(f.name))
      return { ok: false, error: `${f.name} is set by the server; pick another field name in ${name}` };
    if (!FIELD_TYPES.has(f.type))
      return {
        ok: false,
        error: `field ${name}.${f.name}: type "${f.type}" is not one of text, number, boolean, datetime, select(a|b)`,
      };
    if (f.type === "select" && (f.options.length === 0 || f.options.some((o) => !/^[a-z0-9][\w -]{0,39}$/i.test(o))))
      return {
        ok: false,
        error: `field ${name}.${f.name}: select options are words joined by |, e.g. select(red|green)`,
      };
  }
  if (new Set(fields.map((f) => f.name)).size !== fields.length)
    return { ok: false, error: `collection ${name} names a field twice` };
  return { ok: true, collection: { name, fields } };
}

function fieldSchema(f, first) {
  if (f.type === "text")
    return { type: "text", ...(first ? { required: true, minLength: 1 } : {}), maxLength: first ? 200 : 2000 };
  if (f.type === "number") return { type: "number", ...(first ? { required: true } : {}), min: 0, max: 1_000_000 };
  if (f.type === "select") return { type: "select", options: f.options, ...(first ? { required: true } : {}) };
  return { type: f.type, ...(first ? { required: true } : {}) };
}

function manifestOf(opts) {
  const { id, name, collections, plan } = opts;
  const blanks = [
    {
      path: "src/blanks/theme.css",
      title: "Theme",
      purpose:
        "Colours, fonts, corner radius and page width as CSS custom properties on :root (keep the names, change the values); dark-mode values in the prefers-color-scheme block.",
    },
    {
      path: "src/blanks/Brand.tsx",
      title: "Brand",
      purpose: "The product's mark and name at the left of the header. Keep it short: it sits inside a link.",
    },
    {
      path: "src/blanks/Home.tsx",
      title: "Home page",
      purpose: `What visitors see first: a heading, a short pitch and links to #/signup and #/signin.${plan ? ` Numbers shown must match template.json (free ${opts.freeLimit}, ${plan.name} ${opts.planLimit}, ${money(plan)}).` : ""}`,
    },
    ...collections.map((c) => ({
      path: `src/blanks/${pascal(c.name)}Card.tsx`,
      title: `${capital(words(c.name))} card`,
      purpose: `One item of ${c.name} in its list. Props: item {id, ${c.fields.map((f) => `${f.name}${f === c.fields[0] ? "" : "?"}`).join(", ")}, createdAt} and onDelete(), a promise that rejects with a message for people.`,
    })),
    ...(plan
      ? [
          {
            path: "src/blanks/Pricing.tsx",
            title: `${plan.name} plan pricing`,
            purpose: `The upgrade pitch on the account page. Props: onChoose() starts checkout for the ${plan.id} plan, busy disables the button. The price must match template.json (${money(plan)}).`,
          },
        ]
      : []),
  ];
  const collectionSpecs = Object.fromEntries(
    collections.map((c) => [
      c.name,
      {
        fields: Object.fromEntries(c.fields.map((f, i) => [f.name, fieldSchema(f, i === 0)])),
        rules: { list: "owner", read: "owner", create: "authenticated", update: "owner", delete: "owner" },
        visibility: { ownerId: "owner" },
        limits: {
          maxDocumentBytes: 16000,
          maxDocumentsPerUser: opts.freeLimit,
          ...(plan ? { maxDocumentsPerUserByPlan: { [plan.id]: opts.planLimit } } : {}),
        },
      },
    ]),
  );
  return {
    ...(opts.schemaRef ? { $schema: opts.schemaRef } : {}),
    id,
    name,
    description: `${name}: sign-up, a private list for every user${plan ? ` and a ${plan.name} plan that lifts the free limit` : ""}.`,
    version: "0.1.0",
    blanks,
    collections: collectionSpecs,
    plans: plan
      ? [
          {
            id: plan.id,
            name: plan.name,
            price: { amount: plan.amount, currency: "usd", interval: "month" },
            grants: [`more-${collections[0]?.name ?? "items"}`.toLowerCase()],
          },
        ]
      : [],
    imports: [],
  };
}

const money = (plan) => `$${(plan.amount / 100).toFixed(plan.amount % 100 === 0 ? 0 : 2)}/month`;

function inputFor(f, first) {
  const label = capital(words(f.name));
  if (f.type === "boolean")
    return `        <label className="field row">
          <input type="checkbox" checked={draft.${f.name} === true} onChange={(e) => set("${f.name}", e.target.checked)} />
          <span>${label}</span>
        </label>`;
  if (f.type === "select")
    return `        <label className="field">
          <span>${label}</span>
          <select${first ? " required" : ""} value={String(draft.${f.name} ?? "")} onChange={(e) => set("${f.name}", e.target.value || undefined)}>
            <option value="">Choose…</option>
${f.options.map((o) => `            <option value=${JSON.stringify(o)}>${capital(o)}</option>`).join("\n")}
          </select>
        </label>`;
  const type = f.type === "number" ? "number" : f.type === "datetime" ? "datetime-local" : "text";
  const convert =
    f.type === "number"
      ? 'e.target.value === "" ? undefined : Number(e.target.value)'
      : f.type === "datetime"
        ? 'e.target.value === "" ? undefined : new Date(e.target.value).toISOString()'
        : "e.target.value";
  // The kit's form pattern (base.css .field): the label wraps its input, so no ids to keep unique.
  return `        <label className="field">
          <span>${label}</span>
          <input
            type="${type}"${first ? "\n            required" : ""}${f.type === "text" ? `\n            maxLength={${first ? 200 : 2000}}` : ""}${f.type === "datetime" ? "" : `\n            value={String(draft.${f.name} ?? "")}`}
            onChange={(e) => set("${f.name}", ${convert})}
          />
        </label>`;
}

function pageOf(c) {
  const P = pascal(c.name);
  const title = capital(words(c.name));
  const first = c.fields[0];
  return (
    `import { useState, type FormEvent } from "react";
import { useCollection, type SandlotError } from "@sandlot/sdk";
import { Empty, ErrorNote, Loading } from "@sandlot/kit";
import ${P}Card from "../blanks/${P}Card";
import type { ${P}Item } from "../types";

type Draft = Partial<Record<string, string | number | boolean | undefined>>;

/** ${title} (locked): the signed-in user's own ${words(c.name)}, owner-scoped by the server's rules. */
export function ${P}Page() {
  const list = useCollection("${c.name}", { limit: 100 });
  const [draft, setDraft] = useState<Draft>({});
  const [error, setError] = useState<SandlotError | null>(null);
  const set = (field: string, value: string | number | boolean | undefined): void =>
    setDraft((d) => ({ ...d, [field]: value }));

  async function add(e: FormEvent): Promise<void> {
    e.preventDefault();
    setError(null);
    // Empty optional fields are left out: the server refuses nothing it was not sent.
    const body = Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined && v !== ""));
    try {
      await list.create(body as never);
      setDraft({});
    } catch (err) {
      setError(err as SandlotError);
    }
  }
  const items = list.items as unknown as ${P}Item[];
  return (
    <section className="stack" aria-labelledby="${c.name}-title">
      <h1 id="${c.name}-title">${title}</h1>
      <form className="card stack" onSubmit={add} aria-label="New ${words(c.name)}">
${c.fields.map((f, i) => inputFor(f, i === 0)).join("\n")}
        <button className="button primary" type="submit">
          Add
        </button>
      </form>
      <ErrorNote error={error ?? list.error} />
      {list.loading && items.length === 0 ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>Nothing here yet. Add the first one above.</Empty>
      ) : (
        <ul className="stack" aria-label="${title}" style={{ listStyle: "none", padding: 0 }}>
          {items.map((item) => (
            <li key={item.id}>
              <${P}Card item={item} onDelete={() => list.remove(item.id)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
`.replace(/\n\n\n/g, "\n\n") + (first ? "" : "")
  );
}

const tsType = (f) => {
  if (f.type === "select") return f.options.map((o) => JSON.stringify(o)).join(" | ");
  return f.type === "number" ? "number" : f.type === "boolean" ? "boolean" : "string";
};

function cardOf(c) {
  const P = pascal(c.name);
  const [first, ...rest] = c.fields;
  return `import { useState } from "react";
import type { SandlotError } from "@sandlot/sdk";
import type { ${P}Item } from "../types";

/** ${capital(words(c.name))} card (blank): how one item looks in the list. Keep the delete button. */
export default function ${P}Card(props: { item: ${P}Item; onDelete: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const { item } = props;
  return (
    <article className="card">
      <h2>{String(item.${first.name})}</h2>
${rest
  .map((f) =>
    f.type === "boolean"
      ? `      {item.${f.name} ? <p className="muted small">${capital(words(f.name))}</p> : null}`
      : `      {item.${f.name} !== undefined ? <p>${capital(words(f.name))}: {String(item.${f.name})}</p> : null}`,
  )
  .join("\n")}
      <button
        type="button"
        className="button small"
        onClick={() => void props.onDelete().catch((e: SandlotError) => setError(e.message))}
      >
        Delete
      </button>
      {error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
    </article>
  );
}
`.replace(/\n\n\n/g, "\n\n");
}

function typesOf(collections) {
  return `// Locked: what the locked pages pass to the card blanks (the server adds id and createdAt).
${collections
  .map((c) => {
    const [first, ...rest] = c.fields;
    return `
export interface ${pascal(c.name)}Item {
  id: string;
  createdAt: number;
  ${first.name}: ${tsType(first)};
${rest.map((f) => `  ${f.name}?: ${tsType(f)};\n`).join("")}}
`;
  })
  .join("")}`;
}

function appOf(opts) {
  const { name, collections, plan } = opts;
  const imports = collections.map((c) => `import { ${pascal(c.name)}Page } from "./pages/${pascal(c.name)}Page";`);
  const routes = collections.map(
    (c) =>
      `  else if (path === "/${c.name}") page = user ? <${pascal(c.name)}Page /> : <AuthScreen mode="signin" next="/${c.name}" />;`,
  );
  const links = collections.map(
    (c) => `      <Link to="/${c.name}" aria-current={cur("/${c.name}")}>
        ${capital(words(c.name))}
      </Link>`,
  );
  const firstRoute = collections[0] ? `/${collections[0].name}` : "/";
  return `import type { ReactNode } from "react";
import { useUser } from "@sandlot/sdk";
import { ${plan ? "AccountPage, " : ""}AuthScreen, Link, Loading, NotFound, Shell, useRoute } from "@sandlot/kit";
import Brand from "./blanks/Brand";
import Home from "./blanks/Home";
${plan ? 'import Pricing from "./blanks/Pricing";\n' : ""}${imports.join("\n")}

/** Locked: the routes and the page frame (shared UI from @sandlot/kit; docs/templates.md). */
export function App() {
  const path = useRoute();
  const { user, loading } = useUser();
  const cur = (p: string) => (path === p ? ("page" as const) : undefined);

  let page: ReactNode;
  if (loading) page = <Loading />;
  else if (path === "/") page = <Home />;
  else if (path === "/signin") page = <AuthScreen mode="signin" next="${firstRoute}" />;
  else if (path === "/signup") page = <AuthScreen mode="signup" next="${firstRoute}" />;
${
  plan
    ? `  else if (path === "/account")
    page = (
      <AccountPage
        plan="${plan.id}"
        heading="Plan"
        subscribedBadge="${plan.name}"
        freeBadge="Free"
        subscribedText="You are on ${plan.name}: up to ${opts.planLimit} items in each list."
        pricing={Pricing}
      />
    );
`
    : ""
}${routes.join("\n")}${routes.length ? "\n" : ""}  else page = <NotFound homeLabel="Home" />;

  const nav = user ? (
    <>
${[...links, ...(plan ? [ACCOUNT_LINK] : [])].join("\n")}
    </>
  ) : (
    <>
      <Link to="/signin">Sign in</Link>
      <Link to="/signup" className="button primary small">
        Sign up
      </Link>
    </>
  );
  return (
    <Shell brand={<Brand />} nav={nav} footer={<p className="muted small">${name}</p>}>
      <div className="container">{page}</div>
    </Shell>
  );
}
`;
}

const ACCOUNT_LINK = `      <Link to="/account" aria-current={cur("/account")}>
        Account
      </Link>`;

const THEME = `/* Theme (blank): colours, fonts and shapes. Change the values; keep the names, the kit's locked
   CSS reads them. */
:root {
  --color-bg: #f8f7f4;
  --color-surface: #ffffff;
  --color-text: #1c1b18;
  --color-muted: #5f5c55;
  --color-border: #e4e1da;
  --color-accent: #2f6f4f;
  --color-accent-soft: #e4f0e9;
  --color-accent-contrast: #ffffff;
  --color-danger: #b42318;
  --color-danger-soft: #fdecea;
  --color-focus: #f0b429;
  --font-body: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --font-heading: ui-sans-serif, system-ui, sans-serif;
  --radius: 10px;
  --max-width: 60rem;
}
@media (prefers-color-scheme: dark) {
  :root {
    --color-bg: #141412;
    --color-surface: #1e1d1a;
    --color-text: #efede8;
    --color-muted: #aaa69c;
    --color-border: #34322d;
    --color-accent: #7cc4a0;
    --color-accent-soft: #1f3329;
    --color-accent-contrast: #0c1a12;
    --color-danger-soft: #3b1d1a;
    --color-danger: #ffb4a9;
  }
}
`;

const BRAND = (name) => `import { useApp } from "@sandlot/sdk";

/** Brand (blank): the product's mark and name in the header. */
export default function Brand() {
  // The app's name as the creator set it in the studio, so a rename shows everywhere.
  const { name } = useApp();
  return <strong>{name || ${JSON.stringify(name)}}</strong>;
}
`;

const HOME = (opts) => `import { Link } from "@sandlot/kit";
import { useUser } from "@sandlot/sdk";

/** Home (blank): what visitors see first. */
export default function Home() {
  const { user } = useUser();
  return (
    <section className="stack">
      <h1>${opts.name}</h1>
      <p>Keep your own private list, from any device.${opts.plan ? ` Free for ${opts.freeLimit}; ${opts.plan.name} lifts it to ${opts.planLimit} for ${money(opts.plan)}.` : ""}</p>
      {user ? (
        <p>
          Welcome back, {user.email}.${opts.collections[0] ? ` <Link to="/${opts.collections[0].name}">Open ${words(opts.collections[0].name)}</Link>` : ""}
        </p>
      ) : (
        <p className="row">
          <Link to="/signup" className="button primary">
            Sign up free
          </Link>
          <Link to="/signin">Sign in</Link>
        </p>
      )}
    </section>
  );
}
`;

const PRICING = (opts) => `import type { PricingProps } from "@sandlot/kit";

/** Pricing (blank): the ${opts.plan.name} upgrade on the account page. Keep the price equal to template.json's. */
export default function Pricing(props: PricingProps) {
  return (
    <div className="stack">
      <p className="price">
        ${money(opts.plan).replace("/month", "")} <small>/ month</small>
      </p>
      <p>Up to ${opts.planLimit} items in each list (free: ${opts.freeLimit}).</p>
      <button type="button" className="button primary" onClick={props.onChoose} disabled={props.busy}>
        Upgrade to ${opts.plan.name}
      </button>
    </div>
  );
}
`;

const NODE_TEST = `// The template's own checks, run by \`sandlot template check\` (package.json "test"). Node only:
// contract tests on the real backend are test/*.worker.test.ts, run by the platform's workerd suite.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";

const manifest = JSON.parse(readFileSync(new URL("../template.json", import.meta.url), "utf8"));
const read = (path) => readFileSync(new URL(\`../\${path}\`, import.meta.url), "utf8");

test("every blank exists; script blanks default-export a component, CSS blanks set custom properties", () => {
  for (const blank of manifest.blanks) {
    assert.ok(existsSync(new URL(\`../\${blank.path}\`, import.meta.url)), \`\${blank.path} is missing\`);
    const source = read(blank.path);
    if (blank.path.endsWith(".css")) assert.match(source, /--[a-z][a-z0-9-]*\\s*:/, \`\${blank.path} sets no custom property\`);
    else assert.match(source, /export default/, \`\${blank.path} has no default export\`);
  }
});

test("the prices shown in the pricing blank are the ones the server charges", () => {
  for (const plan of manifest.plans) {
    const pricing = manifest.blanks.find((b) => /pricing/i.test(b.path));
    if (!pricing) continue;
    const dollars = plan.price.amount % 100 === 0 ? String(plan.price.amount / 100) : (plan.price.amount / 100).toFixed(2);
    assert.match(read(pricing.path), new RegExp(\`\\\\$\${dollars.replace(".", "\\\\.")}\\\\b\`), \`\${pricing.path} does not show $\${dollars}\`);
  }
});
`;

const WORKER_TEST = (opts) => {
  const c = opts.collections[0];
  const body = Object.fromEntries(
    c.fields
      .slice(0, 1)
      .map((f) => [
        f.name,
        f.type === "number"
          ? 1
          : f.type === "boolean"
            ? true
            : f.type === "datetime"
              ? "2026-01-01T00:00:00Z"
              : f.type === "select"
                ? f.options[0]
                : "first",
      ]),
  );
  return `/**
 * ${opts.name} on the real backend (workerd): ${c.name} are private to their owner (T11, T12);
 * a free user's ${opts.freeLimit + 1}th item is refused${opts.plan ? `, a ${opts.plan.name} user's is not` : ""}.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Client, appOrigin } from "../../../test/helpers/client";
import { seedApp } from "../../../test/helpers/seed";
import { ${opts.plan ? "grantPlan, " : ""}signedUpUser } from "../../_kit/worker";

const origin = appOrigin("tpl-${opts.id}");
let appId: string;
beforeAll(async () => {
  ({ appId } = await seedApp({ slug: "tpl-${opts.id}", templateId: "${opts.id}" }));
});

const add = (c: Client) => c.post("/_api/collections/${c.name}", ${JSON.stringify(body)});

describe("${opts.id}", () => {
  it("signed-out visitors can neither list nor add", async () => {
    expect((await new Client(origin).get("/_api/collections/${c.name}")).status).toBe(401);
    expect((await add(new Client(origin))).status).toBe(401);
  });

  it("another user's item is 404 and never listed", async () => {
    const a = await signedUpUser(origin, "ann");
    const b = await signedUpUser(origin, "ben");
    const made = (await (await add(a.client)).json()) as { item: { id: string } };
    expect((await b.client.get(\`/_api/collections/${c.name}/\${made.item.id}\`)).status).toBe(404);
    expect(await (await b.client.get("/_api/collections/${c.name}")).text()).not.toContain(made.item.id);
    expect(appId).toBeTruthy();
  });

  it("a free user is held to ${opts.freeLimit}${opts.plan ? `, a ${opts.plan.name} user is not` : ""}", async () => {
    const free = await signedUpUser(origin, "free");
    for (let i = 0; i < ${opts.freeLimit}; i++) expect((await add(free.client)).status).toBe(201);
    const over = await add(free.client);
    expect(over.status).toBe(429);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe("quota_exceeded");${
      opts.plan
        ? `
    const pro = await signedUpUser(origin, "pro");
    expect((await grantPlan({ appId, userId: pro.userId, plan: "${opts.plan.id}" })).status).toBe(200);
    for (let i = 0; i < ${opts.freeLimit + 1}; i++) expect((await add(pro.client)).status).toBe(201);`
        : ""
    }
  });
});
`;
};

const README = (opts, manifest) => `# ${opts.name}

A Sandlot template made with \`sandlot template new\`. \`template.json\` is the backend contract the
server enforces; \`src/\` is the frontend: \`src/blanks/*\` are the files creators fill, everything
else is locked. Shared UI (sign-in, account, pricing frame) comes from \`@sandlot/kit\`.

| collection | fields | rules | limits |
|---|---|---|---|
${opts.collections
  .map(
    (c) =>
      `| \`${c.name}\` | ${c.fields.map((f) => `${f.name} (${f.type})`).join(", ")} | owner only (create: signed in) | ${opts.freeLimit} per user${opts.plan ? `, ${opts.planLimit} with ${opts.plan.id}` : ""} |`,
  )
  .join("\n")}

Plans: ${manifest.plans.map((p) => `\`${p.id}\` ${money({ amount: p.price.amount })}`).join(", ") || "none"}.
Blanks: ${manifest.blanks.map((b) => `\`${b.path}\``).join(", ")}.

Check it with \`npx sandlot template check <dir>\`; try it in a running local platform with
\`npx sandlot template push <dir>\`, then create an app from it in the studio.
`;

/**
 * @param {{ id: string, collections: Array<{name: string, fields: Array<{name: string, type: string}>}>,
 *   plan: { id: string, name: string, amount: number } | null, workerTest?: boolean, schemaRef?: string }} input
 * @returns {Record<string, string>}
 */
export function scaffold(input) {
  const name = input.id
    .split("-")
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(" ");
  const opts = { ...input, name, freeLimit: 10, planLimit: 1000 };
  const manifest = manifestOf(opts);
  const files = {
    "template.json": `${JSON.stringify(manifest, null, 2)}\n`,
    "index.html": `<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8">\n    <meta name="viewport" content="width=device-width, initial-scale=1">\n    <title>${name}</title>\n  </head>\n  <body>\n    <div id="root"></div>\n    <script type="module" src="/src/main.tsx"></script>\n  </body>\n</html>\n`,
    "src/main.tsx": `import { createRoot } from "react-dom/client";
import { configureSdk, detectTransport } from "@sandlot/sdk";
import { App } from "./App";
import "@sandlot/kit/base.css";
import "./blanks/theme.css";

// Locked entry: pick the transport once (fetch on the app's origin, the bridge in the studio
// preview), then render. Blank files never configure the SDK.
configureSdk({ transport: detectTransport() });
createRoot(document.getElementById("root")!).render(<App />);
`,
    "src/App.tsx": appOf(opts),
    "src/blanks/theme.css": THEME,
    "src/blanks/Brand.tsx": BRAND(name),
    "src/blanks/Home.tsx": HOME(opts),
    ...(opts.plan ? { "src/blanks/Pricing.tsx": PRICING(opts) } : {}),
    "README.md": README(opts, manifest),
    "package.json": `${JSON.stringify({ private: true, type: "module", scripts: { test: "node --test test/template.test.mjs" } }, null, 2)}\n`,
    "test/template.test.mjs": NODE_TEST,
  };
  for (const c of opts.collections) {
    files[`src/pages/${pascal(c.name)}Page.tsx`] = pageOf(c);
    files[`src/blanks/${pascal(c.name)}Card.tsx`] = cardOf(c);
  }
  if (opts.collections.length > 0) files["src/types.ts"] = typesOf(opts.collections);
  if (input.workerTest && opts.collections.length > 0) files[`test/${input.id}.worker.test.ts`] = WORKER_TEST(opts);
  return files;
}
