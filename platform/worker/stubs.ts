import type { Env } from "../env";
import type { AppObject } from "../object/app-object";
import type { StudioMailbox } from "../object/studio-mailbox";

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
  // Env leaves the namespace untyped so that no module imports the class for a type (the class
  // imports everything); this is the one place that knows what the namespace holds.
  const namespace = env.APP as unknown as DurableObjectNamespace<AppObject>;
  return namespace.get(namespace.idFromName(name));
}

/** The studio's mailbox: one object for the platform, named once here. */
export function studioMailbox(env: Env): DurableObjectStub<StudioMailbox> {
  const namespace = env.MAILBOX as unknown as DurableObjectNamespace<StudioMailbox>;
  return namespace.get(namespace.idFromName("studio"));
}
