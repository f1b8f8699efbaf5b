/**
 * Collections: list and single-document controllers behind useCollection/useDoc. Plain objects with
 * subscribe/get so they are testable without React. The server decides what a user may see and do
 * (rules in the template manifest); these only mirror its answers.
 */

import { SandlotError } from "./core";
import { authStore, ensureUserLoaded } from "./auth";
import { createStore, type Store } from "./store";
import { call } from "./transport";

/**
 * Fields the server manages on every document (times in epoch milliseconds). `ownerId` is absent
 * when the collection's visibility hides it from this reader.
 */
export interface SystemFields {
  id: string;
  ownerId?: string | null;
  createdAt: number;
  updatedAt: number;
}

type AnyDoc = SystemFields & Record<string, unknown>;

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

function collectionPath(name: string, id?: string): string {
  const base = `/_api/collections/${encodeURIComponent(name)}`;
  return id === undefined ? base : `${base}/${encodeURIComponent(id)}`;
}

function asError(e: unknown): SandlotError {
  return e instanceof SandlotError ? e : new SandlotError("network_error", "Could not reach the server.", 0);
}

function asDoc(v: unknown): AnyDoc {
  if (typeof v !== "object" || v === null || typeof (v as { id?: unknown }).id !== "string") {
    throw new SandlotError("bad_response", "The server sent an unexpected answer.", 0);
  }
  return v as AnyDoc;
}

// --- Changes made through one controller are applied by the others on the same collection -----

type Change = { kind: "created"; item: AnyDoc } | { kind: "updated"; item: AnyDoc } | { kind: "removed"; id: string };
type ChangeListener = (change: Change, origin: object) => void;
const bus = new Map<string, Set<ChangeListener>>();

function onChange(name: string, l: ChangeListener): () => void {
  let set = bus.get(name);
  if (!set) {
    set = new Set();
    bus.set(name, set);
  }
  set.add(l);
  return () => {
    set.delete(l);
  };
}

function emit(name: string, change: Change, origin: object): void {
  for (const l of [...(bus.get(name) ?? [])]) l(change, origin);
}

/**
 * A write the server answers 204: done, but the rules do not let this user read the result (a
 * message to the creator's inbox, a ticket its owner just closed). Null, and gone from lists.
 */
async function updateDoc(name: string, id: string, patch: object, origin: object): Promise<AnyDoc | null> {
  const body = await call<{ item?: unknown } | null>("PATCH", collectionPath(name, id), patch);
  if (body === null) {
    emit(name, { kind: "removed", id }, origin);
    return null;
  }
  const item = asDoc(body.item);
  emit(name, { kind: "updated", item }, origin);
  return item;
}

async function removeDoc(name: string, id: string, origin: object): Promise<void> {
  await call("DELETE", collectionPath(name, id));
  emit(name, { kind: "removed", id }, origin);
}

/** Re-run `fn` when the signed-in user changes (rules depend on who asks). */
function onUserChange(fn: () => void): () => void {
  // Establish who is signed in now (shared, once per page), so a later sign-in is seen as a change.
  void ensureUserLoaded();
  let last = authStore.get().loading ? undefined : (authStore.get().user?.id ?? null);
  return authStore.subscribe(() => {
    const s = authStore.get();
    if (s.loading) return;
    const now = s.user?.id ?? null;
    if (last !== undefined && now !== last) fn();
    last = now;
  });
}

// --- List ----------------------------------------------------------------------------------

export interface CollectionState {
  items: readonly AnyDoc[];
  loading: boolean;
  error: SandlotError | null;
  hasMore: boolean;
}

export interface CollectionController extends Pick<Store<CollectionState>, "get" | "subscribe"> {
  /** Load the first page and start following changes; returns a stop function. */
  start(): () => void;
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  /** Null when the server stored it but the rules do not let this user read it (204). */
  create(data: object): Promise<AnyDoc | null>;
  update(id: string, patch: object): Promise<AnyDoc | null>;
  remove(id: string): Promise<void>;
}

/** A list's filters (equality on the collection's `indexed` fields, or `ownerId: "@me"`) and order. */
export interface ListOptions {
  limit?: number;
  where?: Readonly<Record<string, string | number | boolean>>;
  /** `"createdAt"`, `"-createdAt"` (newest first), or an indexed field, `-` for descending. */
  sort?: string;
  /** Words to find in the collection's `searchable` fields (each a prefix); empty searches nothing. */
  search?: string;
}

/** One change applied to a list (the same array when it changes nothing there). */
function applyTo(items: readonly AnyDoc[], change: Change): readonly AnyDoc[] {
  switch (change.kind) {
    case "created":
      return items.some((i) => i.id === change.item.id) ? items : [change.item, ...items];
    case "updated":
      return items.some((i) => i.id === change.item.id)
        ? items.map((i) => (i.id === change.item.id && i.updatedAt <= change.item.updatedAt ? change.item : i))
        : items;
    case "removed":
      return items.some((i) => i.id === change.id) ? items.filter((i) => i.id !== change.id) : items;
  }
}

/**
 * The list's query string, in a fixed order (limit, sort, then filters by field name) so one
 * list always asks the same question and its cursors stay valid.
 */
export function listQuery(options: ListOptions, limit: number): string {
  const parts = [`limit=${limit}`];
  if (options.sort) parts.push(`sort=${encodeURIComponent(options.sort)}`);
  if (options.search?.trim()) parts.push(`q=${encodeURIComponent(options.search.trim())}`);
  for (const field of Object.keys(options.where ?? {}).sort()) {
    const value = (options.where as Record<string, string | number | boolean>)[field];
    if (value === undefined) continue;
    parts.push(`${encodeURIComponent(`where[${field}]`)}=${encodeURIComponent(String(value))}`);
  }
  return `?${parts.join("&")}`;
}

export function createCollectionController(name: string, options: ListOptions = {}): CollectionController {
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT));
  const base = listQuery(options, limit);
  // A filtered or sorted list cannot place a changed item itself: it asks the server again.
  const ordered =
    options.sort !== undefined || Object.keys(options.where ?? {}).length > 0 || Boolean(options.search?.trim());
  const store = createStore<CollectionState>({ items: [], loading: true, error: null, hasMore: false });
  let cursor: string | null = null;
  let epoch = 0;
  let loadingMore: Promise<void> | null = null;
  // Changes applied while a load is in flight: its answer may have been read before them (the
  // requests travel on different connections), so they are applied again on top of it.
  let sinceLoad: Change[] = [];
  const self = {};

  const page = async (after: string | null) => {
    const q = `${base}${after ? `&cursor=${encodeURIComponent(after)}` : ""}`;
    const body = await call<{ items?: unknown; nextCursor?: unknown }>("GET", collectionPath(name) + q);
    const items = Array.isArray(body?.items) ? body.items.map(asDoc) : [];
    const next = typeof body?.nextCursor === "string" && body.nextCursor ? body.nextCursor : null;
    return { items, next };
  };

  const refresh = async () => {
    const mine = ++epoch;
    loadingMore = null;
    sinceLoad = [];
    store.set((s) => ({ ...s, loading: true, error: null }));
    try {
      const { items, next } = await page(null);
      if (mine !== epoch) return;
      cursor = next;
      store.set({ items: sinceLoad.reduce(applyTo, items), loading: false, error: null, hasMore: next !== null });
    } catch (e) {
      if (mine !== epoch) return;
      store.set((s) => ({ ...s, loading: false, error: asError(e) }));
    }
  };

  const loadMore = () => {
    if (loadingMore) return loadingMore;
    if (!cursor || store.get().loading) return Promise.resolve();
    const mine = epoch;
    const after = cursor;
    sinceLoad = [];
    store.set((s) => ({ ...s, loading: true, error: null }));
    const run = async () => {
      try {
        const { items, next } = await page(after);
        if (mine !== epoch) return;
        cursor = next;
        const seen = new Set(store.get().items.map((i) => i.id));
        // Removed or changed since this page was asked for: the local state is the newer one.
        const changed = new Set(sinceLoad.map((c) => (c.kind === "removed" ? c.id : c.item.id)));
        store.set((s) => ({
          items: [...s.items, ...items.filter((i) => !seen.has(i.id) && !changed.has(i.id))],
          loading: false,
          error: null,
          hasMore: next !== null,
        }));
      } catch (e) {
        if (mine !== epoch) return;
        store.set((s) => ({ ...s, loading: false, error: asError(e) }));
      }
    };
    const p = run().finally(() => {
      if (loadingMore === p) loadingMore = null;
    });
    loadingMore = p;
    return p;
  };

  const apply = (change: Change) => {
    if (store.get().loading) sinceLoad.push(change);
    store.set((s) => {
      const items = applyTo(s.items, change);
      return items === s.items ? s : { ...s, items };
    });
  };

  return {
    get: store.get,
    subscribe: store.subscribe,
    start() {
      void refresh();
      const offBus = onChange(name, (change, origin) => {
        // Another list may not be allowed to see a new item (or sorts differently): ask the server.
        if (origin !== self && (change.kind === "created" || (ordered && change.kind === "updated"))) void refresh();
        else if (origin !== self) apply(change);
      });
      const offAuth = onUserChange(() => void refresh());
      return () => {
        epoch++;
        offBus();
        offAuth();
      };
    },
    refresh,
    loadMore,
    async create(data) {
      const body = await call<{ item?: unknown } | null>("POST", collectionPath(name), data);
      if (body === null) return null;
      const item = asDoc(body.item);
      if (ordered) void refresh();
      else apply({ kind: "created", item });
      emit(name, { kind: "created", item }, self);
      return item;
    },
    async update(id, patch) {
      const item = await updateDoc(name, id, patch, self);
      if (item === null) apply({ kind: "removed", id });
      else if (ordered) void refresh();
      else apply({ kind: "updated", item });
      return item;
    },
    async remove(id) {
      await removeDoc(name, id, self);
      apply({ kind: "removed", id });
    },
  };
}

// --- One document -----------------------------------------------------------------------------

export interface DocState {
  item: AnyDoc | null;
  loading: boolean;
  /** A 404 (absent, or not yours to see) is `error.code === "not_found"`. */
  error: SandlotError | null;
}

export interface DocController extends Pick<Store<DocState>, "get" | "subscribe"> {
  start(): () => void;
  refresh(): Promise<void>;
  /** Null when the change was stored but the rules no longer let this user read the document. */
  update(patch: object): Promise<AnyDoc | null>;
  remove(): Promise<void>;
}

export function createDocController(name: string, id: string | null | undefined): DocController {
  const store = createStore<DocState>({ item: null, loading: !!id, error: null });
  let epoch = 0;
  const self = {};
  const need = (): string => {
    if (!id) throw new SandlotError("no_document", "No document selected.", 0);
    return id;
  };

  const refresh = async () => {
    if (!id) return;
    const mine = ++epoch;
    store.set((s) => ({ ...s, loading: true, error: null }));
    try {
      const body = await call<{ item?: unknown }>("GET", collectionPath(name, id));
      if (mine === epoch) store.set({ item: asDoc(body?.item), loading: false, error: null });
    } catch (e) {
      if (mine === epoch) store.set({ item: null, loading: false, error: asError(e) });
    }
  };

  return {
    get: store.get,
    subscribe: store.subscribe,
    start() {
      void refresh();
      const offBus = onChange(name, (change, origin) => {
        if (origin === self) return;
        if (change.kind === "updated" && change.item.id === id)
          store.set({ item: change.item, loading: false, error: null });
        if (change.kind === "removed" && change.id === id) store.set({ item: null, loading: false, error: null });
      });
      const offAuth = onUserChange(() => void refresh());
      return () => {
        epoch++;
        offBus();
        offAuth();
      };
    },
    refresh,
    async update(patch) {
      const item = await updateDoc(name, need(), patch, self);
      epoch++;
      store.set({ item, loading: false, error: null });
      return item;
    },
    async remove() {
      await removeDoc(name, need(), self);
      epoch++;
      store.set({ item: null, loading: false, error: null });
    },
  };
}
