/**
 * The signed-in end user and their entitlements: one store per page, so every useUser() and
 * useEntitlements() sees the same state and sign-in/out updates them all.
 *
 * The session itself is an HttpOnly cookie set and cleared by the server; this module only keeps
 * the user object the server returned (T23).
 */

import { SandlotError } from "./core";
import { createStore } from "./store";
import { call, getTransport } from "./transport";

export interface User {
  id: string;
  email: string;
  /** False until the person opens the link in the mail sent at sign-up. */
  emailVerified?: boolean;
  [key: string]: unknown;
}

export interface AuthState {
  user: User | null;
  plans: readonly string[];
  grants: readonly string[];
  /**
   * The app's creator, signed in with their verified Sandlot email (what the `creator` rule
   * checks): pages use it to offer the creator's tools. Comfort only; the server decides.
   */
  creator: boolean;
  /** True until the first GET /_api/auth/me settles. */
  loading: boolean;
  error: SandlotError | null;
}

const INITIAL: AuthState = { user: null, plans: [], grants: [], creator: false, loading: true, error: null };
const SIGNED_OUT = { user: null, plans: [], grants: [], creator: false } as const;

export const authStore = createStore<AuthState>(INITIAL);

let inflight: Promise<void> | null = null;
let loaded = false;
// Bumped by every sign-in/out/refresh so an older /me answer never overwrites newer state.
let epoch = 0;

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** Accepts `{plans, grants}`; a bare array is read as grants. */
export function parseEntitlements(v: unknown): { plans: string[]; grants: string[] } {
  if (Array.isArray(v)) return { plans: [], grants: strings(v) };
  if (typeof v === "object" && v !== null) {
    const o = v as { plans?: unknown; grants?: unknown };
    return { plans: strings(o.plans), grants: strings(o.grants) };
  }
  return { plans: [], grants: [] };
}

function asUser(v: unknown): User | null {
  if (typeof v !== "object" || v === null) return null;
  const u = v as { id?: unknown; email?: unknown };
  return typeof u.id === "string" ? (v as User) : null;
}

async function fetchMe(): Promise<Pick<AuthState, "user" | "plans" | "grants" | "creator">> {
  try {
    const body = await call<{ user?: unknown; entitlements?: unknown; creator?: unknown }>("GET", "/_api/auth/me");
    return { user: asUser(body?.user), ...parseEntitlements(body?.entitlements), creator: body?.creator === true };
  } catch (e) {
    if (e instanceof SandlotError && e.status === 401) return { ...SIGNED_OUT };
    throw e;
  }
}

/** Re-read the user and entitlements from the server (e.g. after returning from checkout). */
export function refreshUser(): Promise<void> {
  const mine = ++epoch;
  const p = fetchMe().then(
    (me) => {
      if (mine === epoch) authStore.set({ ...me, loading: false, error: null });
    },
    (e: unknown) => {
      if (mine !== epoch) return;
      const error = e instanceof SandlotError ? e : new SandlotError("network_error", "Could not load the user.", 0);
      authStore.set((s) => ({ ...s, loading: false, error }));
    },
  );
  inflight = p;
  void p.finally(() => {
    if (inflight === p) inflight = null;
  });
  return p;
}

/** Load once per page (hooks call this when they mount). */
export function ensureUserLoaded(): Promise<void> {
  if (inflight) return inflight;
  if (loaded) return Promise.resolve();
  loaded = true;
  return refreshUser();
}

async function enter(path: string, email: string, password: string): Promise<User> {
  const mine = ++epoch;
  const body = await call<{ user?: unknown }>("POST", path, { email, password });
  const user = asUser(body?.user);
  if (!user) throw new SandlotError("bad_response", "The server sent an unexpected answer.", 0);
  loaded = true;
  if (mine === epoch) authStore.set({ ...SIGNED_OUT, user, loading: false, error: null });
  // Entitlements come from /me; the user is already signed in even if this read fails.
  await refreshUser();
  return authStore.get().user ?? user;
}

/** Create an account and sign in. Rejects with SandlotError (e.g. 400 invalid, 409/400 taken). */
export function signUp(input: { email: string; password: string }): Promise<User> {
  return enter("/_api/auth/signup", input.email, input.password);
}

/** Sign in. Rejects with SandlotError: 401 wrong credentials, 429 too many attempts. */
export function signIn(input: { email: string; password: string }): Promise<User> {
  return enter("/_api/auth/login", input.email, input.password);
}

/** The providers `signInWith` knows; the app offers those its creator enabled. */
export type SignInProvider = "google" | "github";

export interface SignInProviderInfo {
  id: SignInProvider;
  /** What to write on the button: "Google", "GitHub". */
  name: string;
}

const PROVIDERS: readonly SignInProvider[] = ["google", "github"];

/**
 * The "Sign in with …" buttons this app offers (GET /_api/auth/providers). Empty when the creator
 * enabled none, and in the studio preview, whose sandbox cannot leave for a provider.
 */
export async function signInProviders(): Promise<SignInProviderInfo[]> {
  try {
    const body = await call<{ providers?: unknown }>("GET", "/_api/auth/providers");
    const list = Array.isArray(body?.providers) ? body.providers : [];
    return list.filter(
      (p): p is SignInProviderInfo =>
        typeof p === "object" &&
        p !== null &&
        PROVIDERS.includes((p as SignInProviderInfo).id) &&
        typeof (p as SignInProviderInfo).name === "string",
    );
  } catch {
    return [];
  }
}

/**
 * Leaves the page for Google's or GitHub's sign-in; the person comes back signed in to
 * `returnTo` (a path of this app; default: this page), or to a page on the app's origin that
 * says why not. Throws SandlotError `not_in_preview` in the studio preview.
 */
export function signInWith(provider: SignInProvider, options: { returnTo?: string } = {}): void {
  if (!PROVIDERS.includes(provider))
    throw new SandlotError("unknown_provider", `There is no sign-in with "${String(provider)}".`, 0);
  if (getTransport().navigate)
    throw new SandlotError(
      "not_in_preview",
      "Signing in with Google or GitHub works on the published app, not in the preview.",
      0,
    );
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  const returnTo = options.returnTo ?? here;
  window.location.assign(`/_api/auth/oauth/${provider}/start?return=${encodeURIComponent(returnTo)}`);
}

/** Sign out (the server revokes the session and clears its cookie). */
export async function signOut(): Promise<void> {
  ++epoch;
  try {
    await call("POST", "/_api/auth/logout");
  } catch (e) {
    if (!(e instanceof SandlotError && e.status === 401)) throw e;
  }
  ++epoch;
  loaded = true;
  authStore.set({ ...SIGNED_OUT, loading: false, error: null });
}

/**
 * Confirms the signed-up address with the token from the verification mail. The kit's Shell
 * calls it when a page opens from the mail's link (`#sandlot_verify=…`, see takeEmailLink).
 */
export async function verifyEmail(token: string): Promise<void> {
  await call("POST", "/_api/auth/verify", { token });
  await refreshUser();
}

/** Mails a new verification link to the signed-in user (at most 5 an hour; the server decides). */
export async function resendVerification(): Promise<void> {
  await call("POST", "/_api/auth/verify/request");
}

/** Mails a password reset link; the answer is the same whether or not the address has an account. */
export async function requestPasswordReset(input: { email: string }): Promise<void> {
  await call("POST", "/_api/auth/reset/request", { email: input.email });
}

/**
 * Sets a new password with the token from the reset mail. Every session ends (the server's
 * rule), so the person signs in again with the new password afterwards.
 */
export async function resetPassword(input: { token: string; password: string }): Promise<void> {
  await call("POST", "/_api/auth/reset", { token: input.token, password: input.password });
  ++epoch;
  loaded = true;
  authStore.set({ ...SIGNED_OUT, loading: false, error: null });
}

/** Test helper. */
export function resetAuthForTests(): void {
  epoch++;
  loaded = false;
  inflight = null;
  authStore.set(INITIAL);
}
