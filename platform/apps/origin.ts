import { isProduction } from "../environment";

/** Where an app is served, from configuration and its slug alone (never a request header, T26). */
export function appOrigin(env: { ENVIRONMENT?: string | undefined; APPS_DOMAIN: string }, slug: string): string {
  return `${isProduction(env) ? "https" : "http"}://${slug}.${env.APPS_DOMAIN}`;
}

/** The app's home page: `<scheme>://<slug>.<APPS_DOMAIN>/`. */
export function appUrl(env: { ENVIRONMENT?: string | undefined; APPS_DOMAIN: string }, slug: string): string {
  return `${appOrigin(env, slug)}/`;
}
