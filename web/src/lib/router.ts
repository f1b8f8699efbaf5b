/** A tiny history router: routes are plain data, matched by a pure function. */
import { useEffect, useState } from "react";

export type Route =
  | { name: "signin" }
  | { name: "signup" }
  | { name: "forgot" }
  | { name: "reset" }
  | { name: "apps" }
  | { name: "new" }
  | { name: "settings" }
  | { name: "app"; slug: string; tab: WorkspaceTab }
  | { name: "notfound" };

export type WorkspaceTab = "edit" | "data" | "billing" | "mail" | "settings";
const TABS: readonly WorkspaceTab[] = ["edit", "data", "billing", "mail", "settings"];

export function matchRoute(pathname: string): Route {
  const parts = pathname
    .split("/")
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  if (parts.length === 0) return { name: "apps" };
  const [a, b, c] = parts;
  if (parts.length === 1 && a === "signin") return { name: "signin" };
  if (parts.length === 1 && a === "signup") return { name: "signup" };
  if (parts.length === 1 && a === "forgot-password") return { name: "forgot" };
  // The mailed link (platform/mail/studio-messages.ts); its token travels in the fragment.
  if (parts.length === 1 && a === "reset-password") return { name: "reset" };
  if (parts.length === 1 && a === "settings") return { name: "settings" };
  // Where a plan checkout returns (`/billing?checkout=success|cancel`): the account screen says what happened.
  if (parts.length === 1 && a === "billing") return { name: "settings" };
  if (a === "apps") {
    if (parts.length === 1) return { name: "apps" };
    if (parts.length === 2 && b === "new") return { name: "new" };
    if (b && /^[a-z0-9-]{1,63}$/.test(b)) {
      if (parts.length === 2) return { name: "app", slug: b, tab: "edit" };
      if (parts.length === 3 && TABS.includes(c as WorkspaceTab))
        return { name: "app", slug: b, tab: c as WorkspaceTab };
    }
  }
  return { name: "notfound" };
}

export function pathFor(route: Route): string {
  switch (route.name) {
    case "signin":
      return "/signin";
    case "signup":
      return "/signup";
    case "forgot":
      return "/forgot-password";
    case "reset":
      return "/reset-password";
    case "apps":
      return "/apps";
    case "new":
      return "/apps/new";
    case "settings":
      return "/settings";
    case "app":
      return `/apps/${encodeURIComponent(route.slug)}${route.tab === "edit" ? "" : `/${route.tab}`}`;
    case "notfound":
      return "/";
  }
}

const listeners = new Set<() => void>();

/** `notice`: one sentence for the next page to show once (e.g. what just happened to a deleted app). */
export function navigate(route: Route | string, opts: { replace?: boolean; notice?: string } = {}): void {
  const path = typeof route === "string" ? route : pathFor(route);
  if (path === location.pathname && !opts.notice) return;
  const state = opts.notice ? { notice: opts.notice } : null;
  if (opts.replace) history.replaceState(state, "", path);
  else history.pushState(state, "", path);
  for (const l of listeners) l();
}

/** The notice navigate() left for this page, taken so that a reload or Back does not show it again. */
export function takeNotice(): string | null {
  const state: unknown = history.state;
  const notice =
    state !== null && typeof state === "object" && "notice" in state && typeof state.notice === "string"
      ? state.notice
      : null;
  if (notice) history.replaceState(null, "", location.pathname);
  return notice;
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => matchRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(matchRoute(location.pathname));
    listeners.add(update);
    window.addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  return route;
}
