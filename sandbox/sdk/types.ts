/**
 * Types derived from a template manifest. Types only: nothing here exists at runtime.
 *
 * Two ways to get typed collections:
 *   1. `const sdk = createSdk<typeof manifest>()` where `manifest` is a TS literal `as const`.
 *   2. A .d.ts the builder writes (see `registerDts`), which types the plain exports:
 *        declare module "@sandlot/sdk" { interface Register { manifest: { …the manifest JSON… } } }
 *      or, by hand: `interface Register { collections: { todos: { title: string; done?: boolean } } }`
 */

import type { FieldSpec } from "../../platform/manifest/schema";
import type { SystemFields } from "./collections";

type FieldTypeName = FieldSpec["type"];

/** What each manifest field type reads and writes as in the app. */
export interface FieldTypeMap {
  text: string;
  number: number;
  boolean: boolean;
  /** ISO 8601 string. */
  datetime: string;
  /** Narrowed to the union of options when the manifest's literal types are known. */
  select: string;
  /** The id returned by uploadFile. */
  file: string;
  /** An http(s) address. */
  url: string;
  email: string;
  /** A calendar date, `YYYY-MM-DD`. */
  date: string;
  /** The id of a document in the referenced collection. */
  reference: string;
}
type Assert<T extends true> = T;
/** Fails to compile if the manifest schema gains a field type this map does not cover. */
export type FieldTypeMapIsComplete = Assert<
  [Exclude<FieldTypeName, keyof FieldTypeMap>] extends [never] ? true : false
>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The app-side type of one field spec. */
export type FieldValue<F> = F extends { type: "select"; options: readonly (infer O extends string)[] }
  ? string extends O
    ? string
    : O
  : F extends { type: infer T extends keyof FieldTypeMap }
    ? FieldTypeMap[T]
    : unknown;

type RequiredKeys<Fs> = { [K in keyof Fs]: Fs[K] extends { required: true } ? K : never }[keyof Fs];

/** A document's own fields: `required: true` fields are required, the rest optional. */
export type FieldsData<Fs> = Simplify<
  { -readonly [K in RequiredKeys<Fs>]: FieldValue<Fs[K]> } & {
    -readonly [K in Exclude<keyof Fs, RequiredKeys<Fs>>]?: FieldValue<Fs[K]>;
  }
>;

export type AnyData = Record<string, unknown>;

/** `{ collectionName: fieldsData }` from a manifest type. */
export type CollectionTypes<M> = M extends { collections: infer C }
  ? { [N in keyof C & string]: C[N] extends { fields: infer Fs } ? FieldsData<Fs> : AnyData }
  : Record<string, AnyData>;

/** No counts: the items of a collection without `counts`. */
export type NoCounts = Record<never, never>;

/** `{ collectionName: { countName: number } }`: the read-only counts (`counts` in the manifest) each item carries. */
export type CollectionCounts<M> = M extends { collections: infer C }
  ? {
      [N in keyof C & string]: C[N] extends { counts: infer K }
        ? { readonly [Q in keyof K & string]: number }
        : NoCounts;
    }
  : Record<string, NoCounts>;

type PlansOf<M> = M extends { plans: readonly (infer P)[] } ? P : never;
/** Union of plan ids in a manifest (string when unknown). */
export type PlanIds<M> = [PlansOf<M>] extends [never]
  ? string
  : PlansOf<M> extends { id: infer I extends string }
    ? I
    : string;
/** Union of grants in a manifest (never when it has none). */
export type Grants<M> = PlansOf<M> extends { grants: readonly (infer G extends string)[] } ? G : never;

/** The collection specs of a manifest type, by name. */
export type CollectionSpecs<M> = M extends { collections: infer C } ? C : Record<string, unknown>;

type IndexedOf<S> = S extends { indexed: readonly (infer F extends string)[] } ? F : never;
type FieldSpecsOf<S> = S extends { fields: infer Fs } ? Fs : Record<string, never>;

/**
 * `where` for a list of a collection with spec `S`: equality on its `indexed` fields, typed like
 * the fields, and `ownerId: "@me"`. Anything when the spec is not known.
 */
export type ListWhere<S> = unknown extends S
  ? Readonly<Record<string, string | number | boolean>>
  : Simplify<{ [K in IndexedOf<S> & keyof FieldSpecsOf<S>]?: FieldValue<FieldSpecsOf<S>[K]> } & { ownerId?: "@me" }>;

/** `sort` for a list of a collection with spec `S`: createdAt or an indexed field, `-` for descending. */
export type ListSort<S> = unknown extends S ? string : "createdAt" | "-createdAt" | IndexedOf<S> | `-${IndexedOf<S>}`;

export interface ListOptions<S = unknown> {
  /** Items per page, 1–100 (default 20). */
  limit?: number;
  where?: ListWhere<S>;
  sort?: ListSort<S>;
  /** Words to find in the collection's `searchable` fields, each matched as a prefix. */
  search?: string;
}

/** A stored document: its fields plus id, ownerId, createdAt, updatedAt. */
export type Doc<T> = Simplify<T & SystemFields>;

/**
 * Augment this to type the plain exports (`useCollection("todos")`):
 * `declare module "@sandlot/sdk" { interface Register { manifest: {...} } }`
 * or `interface Register { collections: { todos: {...} } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: an interface (not a type) so that apps can augment it
export interface Register {}

export type RegisteredCollections = Register extends { collections: infer C }
  ? C
  : Register extends { manifest: infer M }
    ? CollectionTypes<M>
    : Record<string, AnyData>;
export type CollectionName = keyof RegisteredCollections & string;
/** The manifest's spec of collection `N` (unknown without a registered manifest). */
export type RegisteredSpec<N extends string> = Register extends { manifest: { collections: infer C } }
  ? N extends keyof C
    ? C[N]
    : unknown
  : unknown;
export type CollectionData<N extends CollectionName> = RegisteredCollections[N] extends infer D
  ? D extends object
    ? D
    : AnyData
  : AnyData;
/** The counts items of collection `N` carry (none without a registered manifest). */
export type RegisteredCounts<N extends string> = Register extends { manifest: infer M }
  ? N extends keyof CollectionCounts<M>
    ? CollectionCounts<M>[N]
    : NoCounts
  : NoCounts;
export type RegisteredPlanId = Register extends { manifest: infer M } ? PlanIds<M> : string;
export type RegisteredEntitlement = Register extends { manifest: infer M } ? PlanIds<M> | Grants<M> : string;
