/** The React side: thin hooks over the stores and controllers (the only module importing react). */

import {
  Fragment,
  createElement,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type ReactElement,
  type ReactNode,
} from "react";
import { appStore, ensureAppLoaded } from "./app";
import { authStore, ensureUserLoaded, refreshUser, type AuthState, type User } from "./auth";
import { createCollectionController, createDocController } from "./collections";
import type { SandlotError } from "./core";
import type {
  AnyData,
  CollectionData,
  CollectionName,
  Doc,
  ListOptions,
  NoCounts,
  RegisteredCounts,
  RegisteredEntitlement,
  RegisteredSpec,
} from "./types";

function useAuthState(): AuthState {
  const s = useSyncExternalStore(authStore.subscribe, authStore.get, authStore.get);
  useEffect(() => {
    void ensureUserLoaded();
  }, []);
  return s;
}

export interface UserResult {
  user: User | null;
  /** The app's creator, signed in with their verified Sandlot email (comfort only). */
  isCreator: boolean;
  loading: boolean;
  error: SandlotError | null;
}

/** The signed-in end user (null when signed out). Shared by every component on the page. */
export function useUser(): UserResult {
  const s = useAuthState();
  return { user: s.user, isCreator: s.creator, loading: s.loading, error: s.error };
}

export interface AppResult {
  /** The app's name as the creator set it in the studio ("" until loaded). */
  name: string;
  /** The app's address (its subdomain). */
  slug: string;
  loading: boolean;
}

/** The app itself: its name (and, later, its logo), read once per page from GET /_api/app. */
export function useApp(): AppResult {
  const s = useSyncExternalStore(appStore.subscribe, appStore.get, appStore.get);
  useEffect(() => {
    void ensureAppLoaded();
  }, []);
  return { name: s.name, slug: s.slug, loading: s.loading };
}

/** Does this state hold the plan id or grant? */
export function hasEntitlement(s: Pick<AuthState, "plans" | "grants">, grantOrPlan: string): boolean {
  return s.plans.includes(grantOrPlan) || s.grants.includes(grantOrPlan);
}

export interface EntitlementsResult<E extends string = RegisteredEntitlement> {
  plans: readonly string[];
  grants: readonly string[];
  has(grantOrPlan: E): boolean;
  loading: boolean;
  /** Re-read from the server (e.g. on the page checkout returns to; the webhook may take a moment). */
  refresh(): Promise<void>;
}

/**
 * The user's plans and grants, for showing or hiding UI. Cosmetic: the server enforces access to
 * data from its own subscription state.
 */
export function useEntitlements(): EntitlementsResult {
  const s = useAuthState();
  return {
    plans: s.plans,
    grants: s.grants,
    has: (x: string) => hasEntitlement(s, x),
    loading: s.loading,
    refresh: refreshUser,
  };
}

/** `T` is what a write may send; `K` the read-only counts the server adds to each item (`counts`). */
export interface CollectionResult<T extends object = AnyData, K extends object = NoCounts> {
  items: readonly Doc<T & K>[];
  loading: boolean;
  error: SandlotError | null;
  /** Resolves to null when the rules store it but do not let this user read it back. */
  create(data: T): Promise<Doc<T & K> | null>;
  update(id: string, patch: Partial<T>): Promise<Doc<T & K> | null>;
  remove(id: string): Promise<void>;
  loadMore(): Promise<void>;
  hasMore: boolean;
  refresh(): Promise<void>;
}

/**
 * A live page of a collection: what the server's rules let this user list, narrowed by `where`
 * (equality on the collection's indexed fields, `ownerId: "@me"`) and ordered by `sort`
 * (`"-createdAt"` for newest first).
 */
export function useCollection<N extends CollectionName>(
  name: N,
  options: ListOptions<RegisteredSpec<N>> = {},
): CollectionResult<CollectionData<N>, RegisteredCounts<N>> {
  const { limit, sort, search } = options;
  const where = (options.where ?? {}) as Readonly<Record<string, string | number | boolean>>;
  // A new object each render is the same list when it holds the same filters.
  const whereKey = JSON.stringify(Object.entries(where).sort(([a], [b]) => (a < b ? -1 : 1)));
  // biome-ignore lint/correctness/useExhaustiveDependencies: whereKey stands for where's contents
  const ctl = useMemo(
    () =>
      createCollectionController(name, {
        ...(limit === undefined ? {} : { limit }),
        ...(sort === undefined ? {} : { sort }),
        ...(search === undefined ? {} : { search }),
        where,
      }),
    [name, limit, sort, search, whereKey],
  );
  const s = useSyncExternalStore(ctl.subscribe, ctl.get, ctl.get);
  useEffect(() => ctl.start(), [ctl]);
  return {
    items: s.items as readonly Doc<CollectionData<N> & RegisteredCounts<N>>[],
    loading: s.loading,
    error: s.error,
    hasMore: s.hasMore,
    create: ctl.create as CollectionResult<CollectionData<N>, RegisteredCounts<N>>["create"],
    update: ctl.update as CollectionResult<CollectionData<N>, RegisteredCounts<N>>["update"],
    remove: ctl.remove,
    loadMore: ctl.loadMore,
    refresh: ctl.refresh,
  };
}

export interface DocResult<T extends object = AnyData, K extends object = NoCounts> {
  item: Doc<T & K> | null;
  loading: boolean;
  /** `error.code === "not_found"` when absent or not visible to this user. */
  error: SandlotError | null;
  update(patch: Partial<T>): Promise<Doc<T & K> | null>;
  remove(): Promise<void>;
}

/** One document by id (pass null/undefined for "none selected"). */
export function useDoc<N extends CollectionName>(
  name: N,
  id: string | null | undefined,
): DocResult<CollectionData<N>, RegisteredCounts<N>> {
  const ctl = useMemo(() => createDocController(name, id), [name, id]);
  const s = useSyncExternalStore(ctl.subscribe, ctl.get, ctl.get);
  useEffect(() => ctl.start(), [ctl]);
  return {
    item: s.item as Doc<CollectionData<N> & RegisteredCounts<N>> | null,
    loading: s.loading,
    error: s.error,
    update: ctl.update as DocResult<CollectionData<N>, RegisteredCounts<N>>["update"],
    remove: ctl.remove,
  };
}

export interface PaywallProps<E extends string = RegisteredEntitlement> {
  /** A plan id or a grant. */
  plan: E;
  /** Shown when the user lacks it (e.g. an upgrade button calling checkout). */
  fallback?: ReactNode;
  /** Shown while entitlements load (default: nothing). */
  loading?: ReactNode;
  children?: ReactNode;
}

/**
 * Shows `children` to users who have `plan`, else `fallback`. PRESENTATION ONLY: hiding UI protects
 * nothing. The server enforces paid access on every request from its own subscription state (I4).
 */
export function Paywall(props: PaywallProps): ReactElement {
  const e = useEntitlements();
  const content = e.loading ? (props.loading ?? null) : e.has(props.plan) ? props.children : (props.fallback ?? null);
  return createElement(Fragment, null, content);
}
