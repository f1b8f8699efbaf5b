import { z } from "zod";
import { servedOrigin } from "../apps/origin";

/**
 * Which app a request to an AppObject is for. Only the Worker sets this header, after resolving
 * the validated Host; any copy a client sent is overwritten (I3, T47).
 */
export const APP_IDENTITY_HEADER = "x-sandlot-app";

const IP_PATTERN = /^[0-9a-fA-F:.]{2,45}$/;

export const appIdentitySchema = z.object({
  id: z.string().min(1),
  slug: z.string().min(1),
  templateId: z.string().min(1),
  creatorId: z.string().min(1),
  /** The app's own name as the creator set it in the studio: for the page, its title and every mail. */
  name: z.string().min(1).max(200).optional(),
  /** Scheme + host the app is served on (its custom domain once active), for links in mail and Stripe return URLs. */
  origin: z.string().url(),
  /** The creator's Sandlot account email: an end user with this VERIFIED email is the creator. */
  creatorEmail: z.string().max(254).optional(),
  /**
   * The client's IP as Cloudflare's edge reported it (CF-Connecting-IP), for per-IP rate limits.
   * The edge overwrites any value a client sends; outside Cloudflare (dev, tests) it is whatever
   * arrived, which only matters for rate limiting, never for access.
   */
  ip: z.string().regex(IP_PATTERN).optional(),
});

export type AppIdentity = z.infer<typeof appIdentitySchema>;

/** What people call the app: its name, or its address before it has one. */
export const appDisplayName = (identity: Pick<AppIdentity, "name" | "slug">): string => identity.name ?? identity.slug;

/** The identity the Worker attaches for an app; the live app router and the studio preview share it. */
export function identityFor(
  env: { ENVIRONMENT?: string | undefined; APPS_DOMAIN: string },
  app: {
    id: string;
    slug: string;
    name?: string;
    templateId: string;
    creatorId: string;
    creatorEmail?: string;
    customHost?: string | null;
  },
  options: { ip?: string | undefined } = {},
): AppIdentity {
  const ip = options.ip?.trim();
  return {
    id: app.id,
    slug: app.slug,
    templateId: app.templateId,
    creatorId: app.creatorId,
    ...(app.name ? { name: app.name } : {}),
    ...(app.creatorEmail ? { creatorEmail: app.creatorEmail } : {}),
    origin: servedOrigin(env, app),
    ...(ip && IP_PATTERN.test(ip) ? { ip } : {}),
  };
}

/** The Worker's request id, so the object's error bodies quote the id the response header carries. */
export const REQUEST_ID_HEADER = "x-sandlot-request-id";

/** The serving revision of the Worker's copy of the app (apps/queries.ts `revision`), set by the Worker only. */
export const REVISION_HEADER = "x-sandlot-revision";
/** On a 409 from the object: the Worker's copy of the app is stale; it reloads it and retries. */
export const STALE_HEADER = "x-sandlot-stale";

export function withIdentity(
  request: Request,
  identity: AppIdentity,
  options: { requestId?: string; revision?: number } = {},
): Request {
  const headers = new Headers(request.headers);
  for (const name of [...headers.keys()]) if (name.startsWith("x-sandlot-")) headers.delete(name);
  headers.set(APP_IDENTITY_HEADER, JSON.stringify(identity));
  if (options.requestId) headers.set(REQUEST_ID_HEADER, options.requestId);
  if (options.revision !== undefined) headers.set(REVISION_HEADER, String(options.revision));
  return new Request(request, { headers });
}

export function readIdentity(request: Request): AppIdentity | null {
  const raw = request.headers.get(APP_IDENTITY_HEADER);
  if (!raw) return null;
  try {
    const parsed = appIdentitySchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function readRequestId(request: Request): string {
  const raw = request.headers.get(REQUEST_ID_HEADER) ?? "";
  return /^[0-9a-f-]{36}$/.test(raw) ? raw : crypto.randomUUID();
}
