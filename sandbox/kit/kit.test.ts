/// <reference types="node" />
// The kit's components rendered by real React (react-dom/server) against the real SDK store, and
// static checks on the kit source that is bundled into every app (T23, like the SDK's hygiene).
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createElement as h, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { authStore, resetAuthForTests, type AuthState } from "../sdk/auth";
import { AccountPage, AuthScreen, NotFound, Shell, type AccountPageProps, type PricingProps } from "./index";

const Pricing: ComponentType<PricingProps> = (p) =>
  h("div", { "data-pricing": p.busy ? "busy" : "ready" }, "PRICING-BLANK");
const ACCOUNT: AccountPageProps = {
  plan: "member",
  heading: "Membership",
  subscribedBadge: "Member",
  freeBadge: "Free reader",
  subscribedText: "Every post is yours.",
  pricing: Pricing,
};
const signedIn = (plans: string[]): AuthState => ({
  user: { id: "u1", email: "reader@example.com" },
  plans,
  grants: [],
  creator: false,
  loading: false,
  error: null,
});
const render = (el: Parameters<typeof renderToStaticMarkup>[0]): string => renderToStaticMarkup(el);

afterEach(() => resetAuthForTests());

describe("AccountPage", () => {
  it("while the user loads, says so", () => {
    expect(render(h(AccountPage, ACCOUNT))).toContain('role="status"');
  });

  it("signed out, it is the sign-in form", () => {
    authStore.set({ ...signedIn([]), user: null });
    const html = render(h(AccountPage, ACCOUNT));
    expect(html).toContain("Welcome back");
    expect(html).not.toContain("PRICING-BLANK");
  });

  it("without the plan: the free badge, the template's pricing blank and a re-check", () => {
    authStore.set(signedIn(["pro"])); // another plan is not this page's plan
    const html = render(h(AccountPage, ACCOUNT));
    expect(html).toContain("reader@example.com");
    expect(html).toContain(">Membership</h2>");
    expect(html).toContain('<span class="badge">Free reader</span>');
    expect(html).toContain('data-pricing="ready"');
    expect(html).toContain("Check again");
    expect(html).not.toContain("Manage billing");
  });

  it("with the plan: the plan's badge, the template's text and billing, no pricing", () => {
    authStore.set(signedIn(["member"]));
    const html = render(h(AccountPage, ACCOUNT));
    expect(html).toContain('<span class="badge">Member</span>');
    expect(html).toContain("<p>Every post is yours.</p>");
    expect(html).toContain("Manage billing");
    expect(html).not.toContain("PRICING-BLANK");
  });
});

describe("AccountPage after checkout", () => {
  const withLocation = (search: string, fn: () => void): void => {
    const g = globalThis as { window?: unknown };
    g.window = { location: { search, pathname: "/", hash: "#/account" }, history: { replaceState() {} } };
    try {
      fn();
    } finally {
      delete g.window;
    }
  };

  it("back from a successful checkout, before the webhook: says the payment is being confirmed", () => {
    authStore.set(signedIn([]));
    withLocation("?checkout=success&plan=member", () => {
      expect(render(h(AccountPage, ACCOUNT))).toContain("Payment received. Confirming your plan");
    });
  });

  it("once the plan is there: confirms it by name", () => {
    authStore.set(signedIn(["member"]));
    withLocation("?checkout=success&plan=member", () => {
      expect(render(h(AccountPage, ACCOUNT))).toContain("Payment received. Your Member plan is active");
    });
  });

  it("a cancelled checkout says nothing was charged; no query, no note", () => {
    authStore.set(signedIn([]));
    withLocation("?checkout=cancel", () => {
      expect(render(h(AccountPage, ACCOUNT))).toContain("Checkout was cancelled. Nothing was charged.");
    });
    withLocation("", () => {
      expect(render(h(AccountPage, ACCOUNT))).not.toContain("checkout-notice");
    });
  });
});

describe("AuthScreen", () => {
  it("sign-up shows its intro and the password rule; sign-in neither", () => {
    const up = render(h(AuthScreen, { mode: "signup", intro: "Join to read more." }));
    expect(up).toContain("Create your account");
    expect(up).toContain("Join to read more.");
    expect(up).toContain("At least 8 characters;");
    expect(up).toContain('autoComplete="new-password" required="" minLength="8"');
    const inn = render(h(AuthScreen, { mode: "signin" }));
    expect(inn).toContain("Welcome back");
    expect(inn).not.toContain("At least 8 characters;");
    expect(inn).toContain("Forgot password?");
    expect(up).not.toContain("Forgot password?");
    expect(inn).toContain('autoComplete="current-password"');
  });
});

describe("Shell and NotFound", () => {
  it("frames the page: skip link, brand link to brandTo, main nav, main, footer", () => {
    const html = render(
      h(Shell, {
        brand: "BRAND",
        brandTo: "/app",
        nav: h("a", { href: "#/x" }, "X"),
        footer: "FOOT",
        children: "PAGE",
      }),
    );
    expect(html).toContain('<a class="skip-link" href="#main">Skip to content</a>');
    expect(html).toContain('<a class="brand" href="#/app">BRAND</a>');
    expect(html).toContain('<nav class="nav" aria-label="Main"><a href="#/x">X</a></nav>');
    expect(html).toContain('<main id="main" tabindex="-1">PAGE</main>');
    expect(html).toContain('<div class="container">FOOT</div></footer>');
    expect(render(h(Shell, { brand: "B", nav: null, footer: null, children: null }))).toContain(
      '<a class="brand" href="#/">B</a>',
    );
  });

  it("an unconfirmed address gets the check-your-inbox note with a resend button; a confirmed one does not", () => {
    const frame = { brand: "B", nav: null, footer: null, children: "PAGE" };
    authStore.set({ ...signedIn([]), user: { id: "u1", email: "new@example.com", emailVerified: false } });
    const html = render(h(Shell, frame));
    expect(html).toContain('data-kit="inbox-notice"');
    expect(html).toContain("Check your inbox: we sent a link to <strong>new@example.com</strong>");
    expect(html).toContain("Send the link again");
    authStore.set({ ...signedIn([]), user: { id: "u1", email: "new@example.com", emailVerified: true } });
    expect(render(h(Shell, frame))).not.toContain("inbox-notice");
  });

  it("the creator, and only the creator, gets the entry to the creator-only page", () => {
    const frame = {
      brand: "B",
      nav: null,
      footer: null,
      children: "PAGE",
      creatorPage: { to: "/manage", label: "Manage times" },
    };
    authStore.set({ ...signedIn([]), creator: true });
    const html = render(h(Shell, frame));
    expect(html).toContain("You are the creator of this app.");
    expect(html).toContain('<a href="#/manage" class="button small">Manage times</a>');
    authStore.set({ ...signedIn([]), creator: false });
    expect(render(h(Shell, frame))).not.toContain("creator-notice");
  });

  it("NotFound links home with the template's words", () => {
    expect(render(h(NotFound, { homeLabel: "See available times" }))).toContain(
      '<h1>Page not found</h1><p><a href="#/">See available times</a></p>',
    );
  });
});

describe("kit source hygiene", () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const shipped = readdirSync(here).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
  const code = (f: string) =>
    readFileSync(join(here, f), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/(^|[^:])\/\/.*$/gm, "$1");

  it("imports only react, @sandlot/sdk and its own files (the builder bundles nothing else)", () => {
    const bare = new Set<string>();
    for (const f of shipped) {
      for (const m of code(f).matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'"]*?from\s+["']([^"']+)["']/gm)) {
        const spec = m[2]!;
        if (spec.startsWith(".")) {
          const target = [`${spec.slice(2)}.tsx`, `${spec.slice(2)}.ts`].find(
            (p) => spec.startsWith("./") && shipped.includes(p),
          );
          expect(target, `${f} imports ${spec}, which is not a shipped kit file`).toBeDefined();
        } else if (!m[1]) bare.add(spec);
      }
    }
    expect([...bare].sort()).toEqual(["@sandlot/sdk", "react"]);
  });

  it("never touches cookies, JS-visible storage or Node APIs (T23)", () => {
    for (const f of shipped) {
      expect(
        /document\s*\.\s*cookie|\blocalStorage\b|\bsessionStorage\b|\bindexedDB\b|\bcookieStore\b/.test(code(f)),
        `${f} uses a banned API`,
      ).toBe(false);
      expect(/["']node:|\bprocess\.|\brequire\(|\bBuffer\b/.test(code(f)), `${f} uses Node APIs`).toBe(false);
    }
  });
});
