import { Hono } from "hono";
import { ApiError, badRequest, notFound } from "../../errors";
import { appStub } from "../stubs";
import type { StudioContext, StudioEnv } from "./context";
import { shape } from "./contract";
import { requireOwnedApp, requireOwnedAppWithTemplate } from "./owned-app";

/**
 * `/api/apps/:slug/data/*`: the data browser, for the app's creator only (ownership is checked
 * before any stub is obtained, T15). `?copy=live|preview` picks the live app's object or the
 * preview copy's. Records are read-only here except for delete.
 */
export const appDataRoutes = new Hono<StudioEnv>();

function copyOf(c: StudioContext): "live" | "preview" {
  const copy = c.req.query("copy") ?? "live";
  if (copy !== "live" && copy !== "preview") throw badRequest("copy must be live or preview.", "invalid_copy");
  return copy;
}

function pageQuery(c: StudioContext): { limit?: number; before?: string } {
  const out: { limit?: number; before?: string } = {};
  const limit = c.req.query("limit");
  if (limit !== undefined) {
    if (!/^\d{1,3}$/.test(limit)) throw badRequest("limit must be a whole number from 1 to 100.", "invalid_limit");
    out.limit = Number(limit);
  }
  const before = c.req.query("before");
  if (before !== undefined) {
    if (!/^\d{1,16}\.[\w-]{1,80}$/.test(before))
      throw badRequest("before must be a `next` value from a page.", "invalid_cursor");
    out.before = before;
  }
  return out;
}

/** A stored record's fields; one that does not parse shows empty rather than failing the page. */
function parseData(json: string): Record<string, unknown> {
  try {
    const v = JSON.parse(json) as unknown;
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

appDataRoutes.get("/collections", async (c) => {
  const { template } = await requireOwnedAppWithTemplate(c);
  return c.json(shape("dataCollections", { collections: Object.keys(template.manifest.collections ?? {}) }));
});

appDataRoutes.get("/collections/:name", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const name = c.req.param("name");
  if (!Object.hasOwn(template.manifest.collections ?? {}, name)) throw notFound(`There is no collection "${name}".`);
  const page = await appStub(c.env, app.id, { copy: copyOf(c) }).dataRecords(name, pageQuery(c));
  const records = page.items.map(({ json, ...rest }) => ({ ...rest, data: parseData(json) }));
  return c.json(shape("dataRecords", { records, next: page.next }));
});

appDataRoutes.delete("/collections/:name/:id", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const name = c.req.param("name");
  if (!Object.hasOwn(template.manifest.collections ?? {}, name)) throw notFound(`There is no collection "${name}".`);
  const deleted = await appStub(c.env, app.id, { copy: copyOf(c) }).dataDeleteRecord(
    template.manifest,
    name,
    c.req.param("id"),
  );
  if (!deleted) throw new ApiError(404, "not_found", "That record does not exist (it may have been deleted already).");
  return c.body(null, 204);
});

appDataRoutes.get("/users", async (c) => {
  const app = await requireOwnedApp(c);
  const page = await appStub(c.env, app.id, { copy: copyOf(c) }).dataUsers(pageQuery(c));
  return c.json(shape("dataUsers", { users: page.items, next: page.next }));
});

/**
 * Deletes one end user of the chosen copy with their sessions, documents and uploads. One who
 * still holds a live subscription is refused (409): their payments would go on with no account.
 */
appDataRoutes.delete("/users/:id", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const userId = c.req.param("id");
  if (!/^[\w-]{1,80}$/.test(userId)) throw notFound("That end user does not exist.");
  const outcome = await appStub(c.env, app.id, { copy: copyOf(c) }).dataDeleteUser({
    appId: app.id,
    manifest: template.manifest,
    userId,
  });
  if (outcome.kind === "missing")
    throw new ApiError(404, "not_found", "That end user does not exist (they may have been deleted already).");
  if (outcome.kind === "subscribed")
    throw new ApiError(
      409,
      "subscribed",
      `This person still pays for ${outcome.plans.join(", ")}. Cancel the subscription first, then delete them.`,
    );
  return c.body(null, 204);
});
