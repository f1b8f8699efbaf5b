// The starting blanks of a scaffolded template: theme, brand, home page and pricing.
import { money, words } from "./scaffold-names.mjs";

export const THEME = `/* Theme (blank): colours, fonts and shapes. Change the values; keep the names, the kit's locked
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

export const BRAND = (name) => `import { useApp } from "@sandlot/sdk";

/** Brand (blank): the product's mark and name in the header. */
export default function Brand() {
  // The app's name as the creator set it in the studio, so a rename shows everywhere.
  const { name } = useApp();
  return <strong>{name || ${JSON.stringify(name)}}</strong>;
}
`;

export const HOME = (opts) => `import { Link } from "@sandlot/kit";
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

export const PRICING = (opts) => `import type { PricingProps } from "@sandlot/kit";

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
