import type { Env } from "../env";
import type { AppObject } from "./object";

/** The one place a Durable Object stub for an app is obtained. Keyed by app id, never by slug. */
export function appStub(env: Env, appId: string): DurableObjectStub<AppObject> {
  return env.APP.get(env.APP.idFromName(appId));
}
