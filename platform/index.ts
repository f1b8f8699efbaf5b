import { Hono } from "hono";
import { createAppRouter } from "./worker/app/router";
import type { Env } from "./env";
import { handleError, notFound } from "./errors";
import { targetOf } from "./worker/host";
import { pollVerifyingDomains } from "./worker/domain-lifecycle";
import { resumePurges } from "./worker/app-purge";
import { requestId } from "./worker/middleware";
import { studioRouter } from "./worker/studio/router";

export { AppObject } from "./object/app-object";
export { StudioMailbox } from "./object/studio-mailbox";

const studio = studioRouter();
const apps = createAppRouter();

/** Answers hosts that are neither the studio nor an app: a JSON 404, nothing else (T47). */
const unknownHost = new Hono<{ Bindings: Env; Variables: { requestId: string } }>();
unknownHost.use("*", requestId);
unknownHost.all("*", () => {
  throw notFound("Unknown host.");
});
unknownHost.onError(handleError);

/** Dispatch by the request's own Host header; forwarding headers are never consulted. */
export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    const target = targetOf(request, env);
    if (target.plane === "studio") return studio.fetch(request, env, ctx);
    if (target.plane === "app" || target.plane === "custom") return apps.fetch(request, env, ctx);
    return unknownHost.fetch(request, env, ctx);
  },
  /**
   * wrangler.toml [triggers]: finishes the data purge of deleted apps that did not complete at
   * once, and asks Cloudflare about custom domains still waiting for their certificate.
   */
  async scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    ctx.waitUntil(resumePurges(env, Date.now()).then(() => undefined));
    ctx.waitUntil(pollVerifyingDomains(env).then(() => undefined));
  },
} satisfies ExportedHandler<Env>;
