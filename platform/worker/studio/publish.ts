import { Hono } from "hono";
import { appUrl } from "../../apps/origin";
import { ApiError, errorBody } from "../../errors";
import { creatorAllowance } from "../../billing/creator-plans";
import { type PublishOutcome, publishApp, type StorageAllowance } from "../../publish/publish";
import { announceServedChange } from "../served-change";
import { appStub } from "../stubs";
import { edgeLimit, rateLimitedError } from "../rate-limit";
import { requireCreator, type StudioContext, type StudioEnv } from "./context";
import { shape } from "./contract";
import { requireOwnedAppWithTemplate } from "./owned-app";

/**
 * What the creator's apps hold now, against their plan's storage allowance: each app's measured
 * bundles and sources (D1) plus its end users' uploads, counted by each app's objects (live and
 * preview copy). Read at every publish, the one place new bytes of a creator's own arrive.
 */
async function storageOf(c: StudioContext, creatorId: string): Promise<StorageAllowance> {
  const { results } = await c.env.DB.prepare("SELECT id, stored_bytes FROM apps WHERE creator_id = ?")
    .bind(creatorId)
    .all<{ id: string; stored_bytes: number }>();
  const uploads = await Promise.all(
    results.flatMap((a) => [
      appStub(c.env, a.id).uploadBytes(),
      appStub(c.env, a.id, { copy: "preview" }).uploadBytes(),
    ]),
  );
  const usedBytes = results.reduce((n, a) => n + a.stored_bytes, 0) + uploads.reduce((n, b) => n + b, 0);
  return { allowanceBytes: creatorAllowance(requireCreator(c).plan).storageBytes, usedBytes };
}

/** `POST /api/apps/:slug/publish`. */
export const publishRoutes = new Hono<StudioEnv>();

/** A failed outcome as the error the client sees. */
function publishFailure(outcome: Exclude<PublishOutcome, { ok: true }>): ApiError {
  if (outcome.reason === "storage_full") {
    const mib = (n: number): string => `${Math.ceil(n / (1024 * 1024))} MiB`;
    return new ApiError(
      413,
      "storage_full",
      `This publish needs ${mib(outcome.neededBytes)} more; your apps use ${mib(outcome.usedBytes)} of the ` +
        `${mib(outcome.allowanceBytes)} your plan allows. Delete an app you no longer need, or upgrade your plan.`,
      {
        extra: {
          usedBytes: outcome.usedBytes,
          neededBytes: outcome.neededBytes,
          allowanceBytes: outcome.allowanceBytes,
        },
      },
    );
  }
  const first = outcome.problems[0];
  const summary = first ? ` First: ${first.file}:${first.line} ${first.message}` : "";
  const count = `${outcome.problems.length} problem${outcome.problems.length === 1 ? "" : "s"}`;
  return new ApiError(422, "build_failed", `The app did not build (${count}).${summary}`, {
    extra: {
      problems: outcome.problems.map((p) => ({
        file: p.file,
        line: p.line,
        column: p.column,
        message: p.message,
        code: p.code,
      })),
    },
  });
}

const NDJSON = "application/x-ndjson";

/**
 * Builds the app's SAVED sources on the server and makes the result live. The request has no
 * body: there is nothing a client could send that the server would build or store.
 *
 * With `Accept: application/x-ndjson` the answer is a stream of lines as it happens:
 * `{"type":"phase","phase":"building","state":"start"}`, `{…,"state":"done","ms":812}` for
 * building, checking, uploading and live, then one `{"type":"result","status":201,"body":{…}}` or
 * `{"type":"error","status":422,"error":{code,message,problems?}}`. Refusals before the build
 * starts (not yours, rate limited) are ordinary JSON errors. Without it: one JSON answer, as before.
 */
publishRoutes.post("/", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  // A build is hundreds of ms of esbuild in the Worker: counted per creator before it starts (T49).
  const limited = await edgeLimit(c.env, "PUBLISH_LIMITER", `publish:${app.creatorId}`);
  if (!limited.allowed) throw rateLimitedError(limited);
  const storage = await storageOf(c, app.creatorId);
  const onLive = (revision: number): Promise<void> => announceServedChange(c.env, app, revision);
  const published = (outcome: Extract<PublishOutcome, { ok: true }>) =>
    shape("published", { version: outcome.version, url: appUrl(c.env, app.slug), bytes: outcome.bytes });

  if (!(c.req.header("Accept") ?? "").includes(NDJSON)) {
    const outcome = await publishApp(c.env, app, template, storage, { onLive });
    if (!outcome.ok) throw publishFailure(outcome);
    return c.json(published(outcome), 201);
  }

  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const encoder = new TextEncoder();
  const send = (line: unknown): Promise<void> => writer.write(encoder.encode(`${JSON.stringify(line)}\n`));
  const requestId = c.get("requestId");
  const run = (async (): Promise<void> => {
    try {
      const outcome = await publishApp(c.env, app, template, storage, {
        onPhase: (event) => void send({ type: "phase", ...event }),
        onLive,
      });
      if (outcome.ok) await send({ type: "result", status: 201, body: published(outcome) });
      else {
        const err = publishFailure(outcome);
        await send({ type: "error", status: err.status, ...errorBody(err, requestId) });
      }
    } catch (err) {
      // Same promise as the error handler: logged with the request id, nothing of it in the answer.
      console.error(`[${requestId}] publish stream`, err);
      await send({
        type: "error",
        status: 500,
        error: { code: "internal", message: "Publishing failed on our side. Try again.", requestId },
      });
    } finally {
      await writer.close();
    }
  })();
  c.executionCtx.waitUntil(run);
  return new Response(readable, {
    status: 200,
    headers: { "Content-Type": `${NDJSON}; charset=utf-8`, "Cache-Control": "no-store" },
  });
});
