/**
 * The app's own facts (its name; later its logo), from GET /_api/app: one store per page. The
 * name lives on the server, where the creator renames it in the studio, so the page shows the
 * current name without a republish.
 */

import { createStore } from "./store";
import { call } from "./transport";

export interface AppState {
  name: string;
  slug: string;
  loading: boolean;
}

export const appStore = createStore<AppState>({ name: "", slug: "", loading: true });

let started: Promise<void> | null = null;

function text(v: unknown, max: number): string {
  return typeof v === "string" ? v.slice(0, max) : "";
}

/** Load once per page; a failed read leaves the name empty (templates fall back to their own words). */
export function ensureAppLoaded(): Promise<void> {
  started ??= call<{ app?: { name?: unknown; slug?: unknown } }>("GET", "/_api/app").then(
    (body) => appStore.set({ name: text(body?.app?.name, 200), slug: text(body?.app?.slug, 100), loading: false }),
    () => appStore.set((s) => ({ ...s, loading: false })),
  );
  return started;
}

/** Test helper. */
export function resetAppForTests(): void {
  started = null;
  appStore.set({ name: "", slug: "", loading: true });
}
