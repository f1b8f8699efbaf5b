import { Hono } from "hono";
import { appUrl } from "../../apps/origin";
import { ApiError } from "../../errors";
import { publishApp } from "../../publish/publish";
import { edgeLimit, rateLimitedError } from "../rate-limit";
import type { StudioEnv } from "./context";
import { shape } from "./contract";
import { requireOwnedAppWithTemplate } from "./owned-app";

/** `POST /api/apps/:slug/publish`. */
export const publishRoutes = new Hono<StudioEnv>();

/**
 * Builds the app's SAVED sources on the server and makes the result live. The request has no
 * body: there is nothing a client could send that the server would build or store.
 */
publishRoutes.post("/", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  // A build is hundreds of ms of esbuild in the Worker: counted per creator before it starts (T49).
  const limited = await edgeLimit(c.env, "PUBLISH_LIMITER", `publish:${app.creatorId}`);
  if (!limited.allowed) throw rateLimitedError(limited);
  const outcome = await publishApp(c.env, app, template);
  if (!outcome.ok) {
    const first = outcome.problems[0];
    const summary = first ? ` First: ${first.file}:${first.line} ${first.message}` : "";
    const count = `${outcome.problems.length} problem${outcome.problems.length === 1 ? "" : "s"}`;
    throw new ApiError(422, "build_failed", `The app did not build (${count}).${summary}`, {
      extra: {
        problems: outcome.problems.map((p) => ({ file: p.file, line: p.line, column: p.column, message: p.message, code: p.code })),
      },
    });
  }
  return c.json(shape("published", { version: outcome.version, url: appUrl(c.env, app.slug), bytes: outcome.bytes }), 201);
});
