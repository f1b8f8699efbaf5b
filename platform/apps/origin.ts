import { isProduction } from "../environment";

type OriginEnv = { ENVIRONMENT?: string | undefined; APPS_DOMAIN: string };

/** Where an app is served, from configuration and its slug alone (never a request header, T26). */
export function appOrigin(env: OriginEnv, slug: string): string {
  return `${isProduction(env) ? "https" : "http"}://${slug}.${env.APPS_DOMAIN}`;
}

/** The app's home page: `<scheme>://<slug>.<APPS_DOMAIN>/`. */
export function appUrl(env: OriginEnv, slug: string): string {
  return `${appOrigin(env, slug)}/`;
}

/**
 * An active custom domain's origin (docs/domains.md). Production: `https://<hostname>`; in
 * development app hosts carry APPS_DOMAIN's port, and so do simulated custom domains.
 */
export function customOrigin(env: OriginEnv, hostname: string): string {
  if (isProduction(env)) return `https://${hostname}`;
  const port = /:(\d+)$/.exec(env.APPS_DOMAIN)?.[1];
  return `http://${hostname}${port ? `:${port}` : ""}`;
}

/** Where the app lives now: its active custom domain, else its slug host. Mail links and return URLs use it. */
export function servedOrigin(env: OriginEnv, app: { slug: string; customHost?: string | null | undefined }): string {
  return app.customHost ? customOrigin(env, app.customHost) : appOrigin(env, app.slug);
}
