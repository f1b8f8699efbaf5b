import type { BuildProblem } from "../../sandbox/build/index";
import type { Env } from "../env";
import type { Template } from "../templates/registry";
import type { AppRow } from "../apps/queries";
import { commitVersion, reserveVersion } from "../apps/versions";
import { r2Keys } from "../apps/r2-keys";
import { readSources, writeSources } from "./sources";
import { buildOnServer } from "./server-build";

/**
 * The publish pipeline: saved sources → server build → immutable objects in R2 → one D1 batch
 * that records the version and moves the app's pointer. Until that batch commits, visitors keep
 * getting the previous version; a failure anywhere before it leaves what is live untouched.
 */

export type PublishOutcome =
  | { ok: true; version: number; hash: string; bytes: number; assets: number }
  | { ok: false; problems: BuildProblem[] };

/** Asset names the app router serves (platform/worker/app/static.ts): flat, content-hashed. */
const ASSET_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

export async function publishApp(env: Env, app: AppRow, template: Template): Promise<PublishOutcome> {
  const files = await readSources(env, app.id, template);
  const built = await buildOnServer(template, files);
  if (!built.ok) return { ok: false, problems: built.problems };

  const version = await reserveVersion(env.DB, app.id);
  await Promise.all(
    built.assets.map(async (asset) => {
      const name = asset.path.replace(/^assets\//, "");
      if (!ASSET_NAME.test(name) || name.includes("..")) throw new Error(`builder produced an unservable asset path: ${asset.path}`);
      const key = r2Keys.asset(app.id, name);
      // Content-hashed: an existing object with this name already holds these bytes.
      if (await env.BUCKET.head(key)) return;
      await env.BUCKET.put(key, asset.body, { httpMetadata: { contentType: asset.contentType } });
    }),
  );
  await writeSources(env, r2Keys.versionSources(app.id, version), files);
  await env.BUCKET.put(r2Keys.index(app.id, version), built.html, { httpMetadata: { contentType: "text/html; charset=utf-8" } });
  await commitVersion(env.DB, { appId: app.id, version, hash: built.hash, bytes: built.bytes });
  return { ok: true, version, hash: built.hash, bytes: built.bytes, assets: built.assets.length };
}
