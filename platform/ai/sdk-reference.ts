/**
 * What the model is told about `@sandlot/sdk` (docs/sdk.md), beside this app's own manifest
 * types (registerDts). Kept short: signatures, not docs.
 */
export const SDK_REFERENCE = `declare module "@sandlot/sdk" {
  // Signed-in end user of the app (null when signed out).
  export function useUser(): { user: { id: string; email: string } | null; loading: boolean };
  export function signUp(input: { email: string; password: string }): Promise<User>;
  export function signIn(input: { email: string; password: string }): Promise<User>;
  export function signOut(): Promise<void>;
  // "Sign in with Google/GitHub": leaves the page; only providers signInProviders() lists are enabled.
  export function signInWith(provider: "google" | "github", options?: { returnTo?: string }): void;
  export function signInProviders(): Promise<{ id: "google" | "github"; name: string }[]>;
  // A live list of a collection, filtered by the server's rules for this user.
  // where/sort only on the collection's "indexed" fields; search only on its "searchable" fields.
  export function useCollection<N extends CollectionName>(name: N, options?: {
    where?: Partial<Record<string, string | number | boolean>>; sort?: string; limit?: number; search?: string;
  }): {
    items: readonly (CollectionData<N> & { id: string; ownerId?: string; createdAt: number; updatedAt: number })[];
    loading: boolean; error: SandlotError | null; hasMore: boolean;
    create(data: CollectionData<N>): Promise<Doc | null>;
    update(id: string, patch: Partial<CollectionData<N>>): Promise<Doc | null>;
    remove(id: string): Promise<void>; loadMore(): Promise<void>; refresh(): Promise<void>;
  };
  export function useDoc<N extends CollectionName>(name: N, id: string | null | undefined):
    { doc: Doc | null; loading: boolean; error: SandlotError | null };
  // Plans and grants of the signed-in user.
  export function useEntitlements():
    { plans: string[]; grants: string[]; has(planOrGrant: string): boolean; loading: boolean };
  export function Paywall(props: { requires: string; fallback?: ReactNode; children: ReactNode }): ReactElement;
  // Starts Stripe checkout for one of the manifest's plans.
  export function checkout(planId: PlanIds): Promise<void>;
  // Starts Stripe checkout for one of the manifest's one-time "products" (documentId: a per-document product).
  export function buy(productId: string, options?: { documentId?: string }): Promise<void>;
  // What the signed-in user bought and still holds.
  export function purchases(): Promise<{ products: string[]; documents: string[] }>;
  export function manageBilling(): Promise<void>;
  export function uploadFile(file: File): Promise<{ id: string; url: string }>;
  export class SandlotError extends Error { status: number; code: string }
}`;
