// The files of `sandlot template new`: a working template on the shared kit (sign-up, account,
// pricing, theme, brand) with one locked page per owner-scoped collection. Pure: specs in, files out
// (test/cli/template-check.test.ts checks the result passes `template check`).
import { BRAND, HOME, PRICING, THEME } from "./scaffold-blanks.mjs";
import { capital, money, pascal, words } from "./scaffold-names.mjs";
import { appOf, cardOf, pageOf, typesOf } from "./scaffold-pages.mjs";
import { NODE_TEST, README, WORKER_TEST } from "./scaffold-tests.mjs";

const FIELD_TYPES = new Set(["text", "number", "boolean", "datetime", "select"]);
const NAME = /^[a-z][a-zA-Z0-9_]{0,39}$/;

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
