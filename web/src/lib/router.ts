/** A tiny history router: routes are plain data, matched by a pure function. */
import { useEffect, useState } from "react";

export type Route =
  | { name: "signin" }
  | { name: "signup" }
  | { name: "apps" }
  | { name: "new" }
  | { name: "settings" }
  | { name: "app"; slug: string; tab: WorkspaceTab }
  | { name: "notfound" };

export type WorkspaceTab = "edit" | "billing" | "mail" | "settings";
const TABS: readonly WorkspaceTab[] = ["edit", "billing", "mail", "settings"];

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
  if (parts.length === 1 && a === "settings") return { name: "settings" };
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

export function navigate(route: Route | string, opts: { replace?: boolean } = {}): void {
  const path = typeof route === "string" ? route : pathFor(route);
  if (path === location.pathname) return;
  if (opts.replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  for (const l of listeners) l();
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
