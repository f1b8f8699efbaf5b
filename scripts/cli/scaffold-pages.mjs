// The locked source files of a scaffolded template: App (routes), one page per collection, the
// shared item types, and each collection's card blank (scaffold.mjs puts them together).
import { capital, pascal, words } from "./scaffold-names.mjs";

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

export function pageOf(c) {
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

export function cardOf(c) {
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

export function typesOf(collections) {
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

export function appOf(opts) {
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
