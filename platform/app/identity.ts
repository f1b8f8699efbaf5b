import { z } from "zod";

/**
 * Which app a request to an AppObject is for. Only the Worker sets this header, after resolving
 * the validated Host; any copy a client sent is overwritten (I3, T47).
 */
export const APP_IDENTITY_HEADER = "x-sandlot-app";

export const appIdentitySchema = z.object({
  id: z.string().min(1),
  slug: z.string().min(1),
  templateId: z.string().min(1),
  creatorId: z.string().min(1),
  /** Scheme + host the app is served on, for links in mail and Stripe return URLs. */
  origin: z.string().url(),
});

export type AppIdentity = z.infer<typeof appIdentitySchema>;

export function withIdentity(request: Request, identity: AppIdentity): Request {
  const headers = new Headers(request.headers);
  for (const name of [...headers.keys()]) if (name.startsWith("x-sandlot-")) headers.delete(name);
  headers.set(APP_IDENTITY_HEADER, JSON.stringify(identity));
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
