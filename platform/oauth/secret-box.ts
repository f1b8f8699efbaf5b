import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";

/**
 * Creators' OAuth client secrets at rest: AES-256-GCM under a key derived (HKDF-SHA-256) from the
 * platform secret OAUTH_SECRETS_KEY, with the app id and provider as associated data, so a sealed
 * secret copied onto another app's row does not open (T54). The plaintext exists only inside the
 * Worker while it talks to the provider's token endpoint.
 */

const VERSION = "v1";
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(platformKey: string): Promise<CryptoKey> {
  let key = keys.get(platformKey);
  if (!key) {
    key = (async () => {
      const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(platformKey), "HKDF", false, [
        "deriveKey",
      ]);
      return crypto.subtle.deriveKey(
        {
          name: "HKDF",
          hash: "SHA-256",
          salt: new TextEncoder().encode("sandlot-oauth-secrets"),
          info: new Uint8Array(),
        },
        material,
        { name: "AES-GCM", length: 256 },
        false,
        ["encrypt", "decrypt"],
      );
    })();
    keys.set(platformKey, key);
  }
  return key;
}

export interface SealContext {
  appId: string;
  provider: string;
}

const aad = (ctx: SealContext): Uint8Array => new TextEncoder().encode(`${ctx.appId}\n${ctx.provider}`);

export async function sealSecret(platformKey: string, ctx: SealContext, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: aad(ctx) },
    await keyFor(platformKey),
    new TextEncoder().encode(secret),
  );
  return `${VERSION}.${encodeBase64urlNoPadding(iv)}.${encodeBase64urlNoPadding(new Uint8Array(sealed))}`;
}

/** Null when the value was not sealed for this app and provider under this key. */
export async function openSecret(platformKey: string, ctx: SealContext, sealed: string): Promise<string | null> {
  const [version, ivPart, dataPart] = sealed.split(".");
  if (version !== VERSION || !ivPart || !dataPart) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: decodeBase64urlIgnorePadding(ivPart), additionalData: aad(ctx) },
      await keyFor(platformKey),
      decodeBase64urlIgnorePadding(dataPart),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
