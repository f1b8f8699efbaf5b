import type { Context } from "hono";
import type { ServedApp } from "../../apps/queries";
import type { Env } from "../../env";
import type { ServedKey } from "./resolve";

/** What handlers on an app origin, in the Worker, read from their context. */
export interface AppRouterEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Resolved from the validated Host only (I3, T47). */
    app: ServedApp;
    /** The Host's key into the served-app cache: a slug or a custom domain. */
    key: ServedKey;
  };
}

export type AppOriginContext = Context<AppRouterEnv>;
