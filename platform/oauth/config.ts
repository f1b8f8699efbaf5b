import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { appOauthProviders } from "../db/d1-schema";
import { OAUTH_PROVIDERS, type OAuthProvider } from "./endpoints";
import { openSecret, sealSecret } from "./secret-box";

/** One app's provider settings as the studio sees them: the secret only as a yes/no (write-only). */
export interface ProviderSettingsView {
  provider: OAuthProvider;
  enabled: boolean;
  clientId: string;
  secretSet: boolean;
}

/** What the Worker needs to run a sign-in, secret opened. */
export interface ProviderCredentials {
  clientId: string;
  clientSecret: string;
}

export async function providerSettings(db: D1Database, appId: string): Promise<ProviderSettingsView[]> {
  const rows = await drizzle(db).select().from(appOauthProviders).where(eq(appOauthProviders.appId, appId));
  return OAUTH_PROVIDERS.map((provider) => {
    const row = rows.find((r) => r.provider === provider);
    return {
      provider,
      enabled: row?.enabled === 1,
      clientId: row?.clientId ?? "",
      secretSet: row?.secretSealed != null,
    };
  });
}

/** The providers end users may see buttons for: enabled, with an id and a secret. */
export async function enabledProviders(db: D1Database, appId: string): Promise<OAuthProvider[]> {
  return (await providerSettings(db, appId))
    .filter((p) => p.enabled && p.clientId !== "" && p.secretSet)
    .map((p) => p.provider);
}

export type CredentialsLookup =
  | { ok: true; credentials: ProviderCredentials }
  | { ok: false; reason: "not_enabled" | "no_platform_key" | "unreadable" };

export async function providerCredentials(
  db: D1Database,
  platformKey: string | undefined,
  appId: string,
  provider: OAuthProvider,
): Promise<CredentialsLookup> {
  const row = await drizzle(db)
    .select()
    .from(appOauthProviders)
    .where(and(eq(appOauthProviders.appId, appId), eq(appOauthProviders.provider, provider)))
    .get();
  if (!row || row.enabled !== 1 || !row.clientId || !row.secretSealed) return { ok: false, reason: "not_enabled" };
  if (!platformKey) return { ok: false, reason: "no_platform_key" };
  const clientSecret = await openSecret(platformKey, { appId, provider }, row.secretSealed);
  if (clientSecret === null) return { ok: false, reason: "unreadable" };
  return { ok: true, credentials: { clientId: row.clientId, clientSecret } };
}

export interface ProviderUpdate {
  enabled: boolean;
  clientId: string;
  /** Absent: keep the stored secret. */
  clientSecret?: string | undefined;
}

export type SaveOutcome = { ok: true } | { ok: false; reason: "no_platform_key" | "secret_required" };

export async function saveProviderSettings(
  db: D1Database,
  platformKey: string | undefined,
  target: { appId: string; provider: OAuthProvider },
  update: ProviderUpdate,
  now: number,
): Promise<SaveOutcome> {
  const orm = drizzle(db);
  const where = and(eq(appOauthProviders.appId, target.appId), eq(appOauthProviders.provider, target.provider));
  const existing = await orm.select().from(appOauthProviders).where(where).get();
  let secretSealed = existing?.secretSealed ?? null;
  if (update.clientSecret !== undefined) {
    if (!platformKey) return { ok: false, reason: "no_platform_key" };
    secretSealed = await sealSecret(platformKey, target, update.clientSecret);
  }
  if (update.enabled && secretSealed === null) return { ok: false, reason: "secret_required" };
  const row = {
    appId: target.appId,
    provider: target.provider,
    enabled: update.enabled ? 1 : 0,
    clientId: update.clientId,
    secretSealed,
    updatedAt: now,
  };
  await orm
    .insert(appOauthProviders)
    .values(row)
    .onConflictDoUpdate({
      target: [appOauthProviders.appId, appOauthProviders.provider],
      set: { enabled: row.enabled, clientId: row.clientId, secretSealed: row.secretSealed, updatedAt: now },
    });
  return { ok: true };
}
