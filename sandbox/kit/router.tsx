import { useEffect, useState, type ReactNode } from "react";

/**
 * A tiny hash router. Hash routes need no server rewrites, and the studio preview's
 * `#sandlot-preview=…` hash (read by the SDK at load) is treated as the home page.
 */

/**
 * The route path of a location hash: "#/p/abc" → "/p/abc", anything not starting "#/" → "/".
 * A malformed escape ("#/p/%") cannot be decoded; the path is then used as typed, so the page
 * shows "not found" instead of throwing and leaving the page blank.
 */
export function pathFromHash(hash: string): string {
  if (!hash.startsWith("#/")) return "/";
  const raw = hash.slice(1);
  try {
    return decodeURI(raw);
  } catch {
    return raw;
  }
}

export function currentPath(): string {
  return pathFromHash(window.location.hash);
}

/** The current route path; re-renders (and scrolls to the top) when the hash changes. */
export function useRoute(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onChange = (): void => {
      setPath(currentPath());
      window.scrollTo(0, 0);
    };
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return path;
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/** `match("/post/:id", "/post/abc")` → `{ id: "abc" }`; null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split("/");
  const b = path.split("/");
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.startsWith(":")) params[a[i]!.slice(1)] = b[i]!;
    else if (a[i] !== b[i]) return null;
  }
  return params;
}

export interface LinkProps {
  /** A route path such as "/account"; rendered as href="#/account". */
  to: string;
  children: ReactNode;
  className?: string;
  "aria-current"?: "page";
}

export function Link(props: LinkProps) {
  return (
    <a href={`#${props.to}`} className={props.className} aria-current={props["aria-current"]}>
      {props.children}
    </a>
  );
}
