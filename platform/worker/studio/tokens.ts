import { Hono } from "hono";
import { and, desc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { issueToken } from "../../auth/token";
import { apiTokens } from "../../db/d1-schema";
import { conflict, notFound } from "../../errors";
import { jsonBody } from "../../http/body";
import { API_TOKEN_PREFIX, requireCreator, type StudioEnv } from "./context";
import { shape } from "./contract";
import { studioBodies } from "./requests";

/** Creator API tokens for the CLI: shown once, stored as a hash. */
export const tokenRoutes = new Hono<StudioEnv>();

const MAX_TOKENS = 20;

tokenRoutes.post("/", async (c) => {
  const creator = requireCreator(c);
  const { name } = await jsonBody(c.req.raw, studioBodies.createToken);
  const orm = drizzle(c.env.DB);
  const count = await c.env.DB.prepare("SELECT count(*) AS n FROM api_tokens WHERE creator_id = ?1")
    .bind(creator.id)
    .first<{ n: number }>();
  if ((count?.n ?? 0) >= MAX_TOKENS) {
    throw conflict(`You have ${MAX_TOKENS} tokens; delete one first.`, "limit_reached");
  }
  const issued = issueToken({ prefix: API_TOKEN_PREFIX });
  const createdAt = Date.now();
  await orm
    .insert(apiTokens)
    .values({ id: issued.id, creatorId: creator.id, name, secretHash: issued.secretHash, createdAt });
  return c.json(shape("issuedToken", { token: issued.token, id: issued.id, name, createdAt }), 201);
});

tokenRoutes.get("/", async (c) => {
  const creator = requireCreator(c);
  const rows = await drizzle(c.env.DB)
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.creatorId, creator.id))
    .orderBy(desc(apiTokens.createdAt));
  return c.json(shape("tokens", { tokens: rows }));
});

tokenRoutes.delete("/:id", async (c) => {
  const creator = requireCreator(c);
  const deleted = await drizzle(c.env.DB)
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, c.req.param("id")), eq(apiTokens.creatorId, creator.id)))
    .returning({ id: apiTokens.id });
  if (deleted.length === 0) throw notFound("No such token.");
  return c.body(null, 204);
});
