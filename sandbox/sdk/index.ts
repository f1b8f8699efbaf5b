/**
 * @sandlot/sdk: the only door from an app's frontend to its backend. See docs/sdk.md.
 * Browser-only; imports nothing but react. The server enforces every rule; the SDK is convenience.
 */

import { buy, checkout, manageBilling, purchases, uploadFile } from "./billing";
import { signIn, signInWith, signOut, signUp } from "./auth";
import {
  Paywall,
  useApp,
  useCollection,
  useDoc,
  useEntitlements,
  useUser,
  type CollectionResult,
  type DocResult,
  type EntitlementsResult,
  type PaywallProps,
} from "./hooks";
import type {
  CollectionCounts,
  CollectionSpecs,
  CollectionTypes,
  Grants,
  ListOptions,
  NoCounts,
  PlanIds,
} from "./types";
import type { ReactElement } from "react";

export { SandlotError, type HttpMethod, type Transport, type TransportResponse } from "./core";
export { configureSdk, detectTransport, fetchTransport, type SdkConfig } from "./transport";
export { createBridgeTransport as bridgeTransport, type BridgeOptions, type BridgeTransport } from "./bridge";
export {
  signUp,
  signIn,
  signInWith,
  signInProviders,
  signOut,
  refreshUser,
  verifyEmail,
  resendVerification,
  requestPasswordReset,
  resetPassword,
  type User,
  type SignInProvider,
  type SignInProviderInfo,
} from "./auth";
export { takeEmailLink, readEmailLink, type EmailLink } from "./links";
export { buy, checkout, manageBilling, purchases, uploadFile, type Purchases, type UploadedFile } from "./billing";
export {
  useUser,
  useApp,
  useCollection,
  useDoc,
  useEntitlements,
  Paywall,
  type UserResult,
  type AppResult,
  type CollectionResult,
  type DocResult,
  type EntitlementsResult,
  type PaywallProps,
} from "./hooks";
export type { SystemFields } from "./collections";
export type {
  AnyData,
  CollectionCounts,
  CollectionData,
  CollectionName,
  CollectionTypes,
  Doc,
  FieldTypeMap,
  FieldValue,
  FieldsData,
  Grants,
  ListOptions,
  ListSort,
  ListWhere,
  NoCounts,
  PlanIds,
  Register,
} from "./types";

/** The SDK typed from one manifest type. Same functions at runtime. */
export interface Sdk<
  C extends Record<string, object>,
  P extends string,
  G extends string,
  S = Record<string, unknown>,
  K extends Record<string, object> = Record<string, NoCounts>,
> {
  useUser: typeof useUser;
  useApp: typeof useApp;
  signUp: typeof signUp;
  signIn: typeof signIn;
  signInWith: typeof signInWith;
  signOut: typeof signOut;
  useCollection<N extends keyof C & string>(
    name: N,
    options?: ListOptions<N extends keyof S ? S[N] : unknown>,
  ): CollectionResult<C[N], N extends keyof K ? K[N] : NoCounts>;
  useDoc<N extends keyof C & string>(
    name: N,
    id: string | null | undefined,
  ): DocResult<C[N], N extends keyof K ? K[N] : NoCounts>;
  useEntitlements(): EntitlementsResult<P | G>;
  checkout(planId: P): Promise<void>;
  buy: typeof buy;
  purchases: typeof purchases;
  manageBilling: typeof manageBilling;
  uploadFile: typeof uploadFile;
  Paywall(props: PaywallProps<P | G>): ReactElement;
}

/** `const sdk = createSdk<typeof manifest>()` with a manifest declared `as const`. */
export function createSdk<M = unknown>(): Sdk<
  CollectionTypes<M>,
  PlanIds<M>,
  Grants<M>,
  CollectionSpecs<M>,
  CollectionCounts<M>
> {
  return {
    useUser,
    useApp,
    signUp,
    signIn,
    signInWith,
    signOut,
    useCollection,
    useDoc,
    useEntitlements,
    checkout,
    buy,
    purchases,
    manageBilling,
    uploadFile,
    Paywall,
  } as unknown as Sdk<CollectionTypes<M>, PlanIds<M>, Grants<M>, CollectionSpecs<M>>;
}
