import { r2Keys } from "../apps/r2-keys";
import type { Env } from "../env";
import { devFeaturesEnabled } from "../environment";
import { manifestSchema, type Manifest } from "../manifest/schema";
import { getTemplate, type Template } from "./registry";

/**
 * Templates an author pushed into a running development platform (`sandlot template push`,
 * docs/templates.md), so a new template can be tried at once without a redeploy. Stored in R2
 * under `dev-templates/`; read only where dev features exist (T51, T58): in production every
 * template is part of the deploy (reviewed code) and this store is never consulted.
 */

const PREFIX = r2Keys.pushedTemplatesPrefix;

interface StoredTemplate {
  manifest: unknown;
  files: Record<string, string>;
  creatorId: string;
  pushedAt: number;
}

export interface PushedTemplate extends Template {
  creatorId: string;
}

/** Parsed copies by id, re-read when the object's etag changes (a re-push). */
const cache = new Map<string, { etag: string; template: PushedTemplate }>();

const keyOf = r2Keys.pushedTemplate;

async function readPushed(env: Pick<Env, "BUCKET">, id: string): Promise<PushedTemplate | null> {
  const head = await env.BUCKET.head(keyOf(id));
  if (!head) return null;
  const hit = cache.get(id);
  if (hit?.etag === head.etag) return hit.template;
  const object = await env.BUCKET.get(keyOf(id));
  if (!object) return null;
  const stored = (await object.json()) as StoredTemplate;
  // Validated when pushed; parsed again so a stored object can never bypass the schema.
  const parsed = manifestSchema.safeParse(stored.manifest);
  if (!parsed.success) return null;
  const template = { id, manifest: parsed.data, files: stored.files, creatorId: stored.creatorId };
  cache.set(id, { etag: object.etag, template });
  return template;
}

/**
 * The template with this id: a deployed one, else (development and test only) a pushed one.
 * Every place that resolves an app's template goes through here or `getTemplate`.
 */
export async function findTemplate(env: Pick<Env, "ENVIRONMENT" | "BUCKET">, id: string): Promise<Template | null> {
  const deployed = getTemplate(env, id);
  if (deployed || !devFeaturesEnabled(env)) return deployed;
  return readPushed(env, id);
}

/** The pushed template with this id, with who pushed it (development only; null elsewhere). */
export async function findPushedTemplate(
  env: Pick<Env, "ENVIRONMENT" | "BUCKET">,
  id: string,
): Promise<PushedTemplate | null> {
  return devFeaturesEnabled(env) ? readPushed(env, id) : null;
}

/** Every pushed template (development only), for the studio's template picker. */
export async function listPushedTemplates(env: Pick<Env, "ENVIRONMENT" | "BUCKET">): Promise<PushedTemplate[]> {
  if (!devFeaturesEnabled(env)) return [];
  const listed = await env.BUCKET.list({ prefix: PREFIX, limit: 100 });
  const ids = listed.objects.map((o) => o.key.slice(PREFIX.length).replace(/\.json$/, ""));
  const found = await Promise.all(ids.map((id) => readPushed(env, id)));
  return found.filter((t): t is PushedTemplate => t !== null);
}

export async function savePushedTemplate(
  env: Pick<Env, "BUCKET">,
  input: { manifest: Manifest; files: Record<string, string>; creatorId: string; now: number },
): Promise<void> {
  const stored: StoredTemplate = {
    manifest: input.manifest,
    files: input.files,
    creatorId: input.creatorId,
    pushedAt: input.now,
  };
  await env.BUCKET.put(keyOf(input.manifest.id), JSON.stringify(stored), {
    httpMetadata: { contentType: "application/json" },
  });
}
