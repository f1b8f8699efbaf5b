/**
 * The one decision about where this Worker runs (T51). Dev-only features — the dev payment
 * provider, the live app outbox, the studio outbox, fixture templates, cookies without `__Host-`,
 * `http://` app origins — exist only when `ENVIRONMENT` is exactly `development` or `test`.
 * Anything else (`production`, `staging`, `prod`, `Production`, empty, missing) is production,
 * so a typo fails closed. A value that is neither a dev value nor `production` is logged once
 * per isolate, so the operator learns about the typo without a log line per request.
 */

export type Environment = "development" | "test" | "production";

const DEV_VALUES: ReadonlySet<string> = new Set(["development", "test"]);
const reported = new Set<string>();

export function environmentOf(env: { ENVIRONMENT?: string | undefined }): Environment {
  const raw = env.ENVIRONMENT;
  if (raw !== undefined && DEV_VALUES.has(raw)) return raw as Environment;
  if (raw !== "production") {
    const shown = raw === undefined ? "(unset)" : JSON.stringify(raw);
    if (!reported.has(shown)) {
      reported.add(shown);
      console.warn(
        `ENVIRONMENT is ${shown}, which is not "development", "test" or "production"; running as production ` +
          `(dev-only features off).`,
      );
    }
  }
  return "production";
}

/** True only for `development` and `test`: the gate of every dev-only feature. */
export function devFeaturesEnabled(env: { ENVIRONMENT?: string | undefined }): boolean {
  return environmentOf(env) !== "production";
}

/** The opposite gate, for production-only hardening (`__Host-` cookies, `https://` origins). */
export function isProduction(env: { ENVIRONMENT?: string | undefined }): boolean {
  return environmentOf(env) === "production";
}
