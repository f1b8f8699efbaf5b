import type { Env } from "../env";
import type { AppObject } from "../object/app-object";

export interface AppStubOptions {
  /**
   * "live": the app's real data. "preview": a separate object holding the studio preview's data,
   * so trying an app in the studio never touches its real users, sessions or documents.
   */
  copy?: "live" | "preview";
}

/** The one place a Durable Object stub for an app is obtained. Keyed by app id, never by slug. */
export function appStub(env: Env, appId: string, options: AppStubOptions = {}): DurableObjectStub<AppObject> {
  const name = options.copy === "preview" ? `preview:${appId}` : appId;
  return env.APP.get(env.APP.idFromName(name));
}
