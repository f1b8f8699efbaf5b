import type { BuildProblem } from "../../sandbox/build/index";
import type { Env } from "../env";
import type { Template } from "../templates/registry";
import type { AppRow } from "../apps/queries";
import { commitVersion, reserveVersion } from "../apps/versions";
import { r2Keys } from "../apps/r2-keys";
import { collectUnusedAssets, measureStoredBytes } from "./storage";
import { readSources, sourcesBytes, writeSources } from "./sources";
import { buildOnServer } from "./server-build";

/**
 * The publish pipeline: saved sources → server build → the creator's storage allowance →
 * immutable objects in R2 → one D1 batch that records the version and moves the app's pointer →
 * assets no version uses collected, the app's stored bytes measured. Until that batch commits,
 * visitors keep getting the previous version; a failure anywhere before it leaves what is live
 * untouched, and a refusal for storage writes nothing at all.
 */

export type PublishOutcome =
  | { ok: true; version: number; hash: string; bytes: number; assets: number; storedBytes: number; collected: number }
  | { ok: false; reason: "build_failed"; problems: BuildProblem[] }
  | { ok: false; reason: "storage_full"; usedBytes: number; neededBytes: number; allowanceBytes: number };

/** Asset names the app router serves (platform/worker/app/static.ts): flat, content-hashed. */
const ASSET_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
const encoder = new TextEncoder();

/** The server's phases of a publish, in order (the studio shows "saving" before them). */
export const PUBLISH_PHASES = ["building", "checking", "uploading", "live"] as const;
export type PublishPhase = (typeof PUBLISH_PHASES)[number];

export interface PhaseEvent {
  phase: PublishPhase;
  state: "start" | "done";
  /** Set on "done": how long the phase took. */
  ms?: number;
}

export interface PublishOptions {
  /** Called as each phase starts and ends (the studio's progress, the CLI's spinner). */
  onPhase?: (event: PhaseEvent) => void;
  /** Called in the "live" phase with the app's new serving revision, before the publish answers. */
  onLive?: (revision: number) => Promise<void>;
}

/** Times phases, reports them, and keeps the timings for the log line. */
function phaseClock(onPhase: PublishOptions["onPhase"]): {
  start(phase: PublishPhase): void;
  end(): void;
  timings: Array<[PublishPhase, number]>;
} {
  let current: { phase: PublishPhase; at: number } | null = null;
  const timings: Array<[PublishPhase, number]> = [];
  const end = (): void => {
    if (!current) return;
    const ms = Math.round(performance.now() - current.at);
    timings.push([current.phase, ms]);
    onPhase?.({ phase: current.phase, state: "done", ms });
    current = null;
  };
  return {
    start(phase) {
      end();
      current = { phase, at: performance.now() };
      onPhase?.({ phase, state: "start" });
    },
    end,
    timings,
  };
}

export interface StorageAllowance {
  /** The creator's allowance (billing/creator-plans.ts `storageBytes`). */
  allowanceBytes: number;
  /** What the creator's apps hold now: stored bundles and sources plus end users' uploads. */
  usedBytes: number;
}

export async function publishApp(
  env: Env,
  app: AppRow,
  template: Template,
  storage: StorageAllowance,
  options: PublishOptions = {},
): Promise<PublishOutcome> {
  const clock = phaseClock(options.onPhase);
  clock.start("building");
  const files = await readSources(env, app.id, template);
  const built = await buildOnServer(env, template, files);
  if (!built.ok) {
    clock.end();
    return { ok: false, reason: "build_failed", problems: built.problems };
  }

  clock.start("checking");
  // Content-hashed: an asset already stored holds these bytes and costs nothing new.
  const assets = built.assets.map((asset) => {
    const name = asset.path.replace(/^assets\//, "");
    if (!ASSET_NAME.test(name) || name.includes(".."))
      throw new Error(`builder produced an unservable asset path: ${asset.path}`);
    return { ...asset, name, key: r2Keys.asset(app.id, name) };
  });
  const present = await Promise.all(assets.map(async (a) => (await env.BUCKET.head(a.key)) !== null));
  const assetNames = JSON.stringify(assets.map((a) => a.name));
  const neededBytes =
    assets.reduce((n, a, i) => n + (present[i] ? 0 : a.body.byteLength), 0) +
    encoder.encode(built.html).byteLength +
    sourcesBytes(files) +
    encoder.encode(assetNames).byteLength;
  if (storage.usedBytes + neededBytes > storage.allowanceBytes) {
    clock.end();
    return {
      ok: false,
      reason: "storage_full",
      usedBytes: storage.usedBytes,
      neededBytes,
      allowanceBytes: storage.allowanceBytes,
    };
  }

  clock.start("uploading");
  const version = await reserveVersion(env.DB, app.id);
  await Promise.all(
    assets.map(async (a, i) => {
      if (!present[i]) await env.BUCKET.put(a.key, a.body, { httpMetadata: { contentType: a.contentType } });
    }),
  );
  await writeSources(env, r2Keys.versionSources(app.id, version), files);
  await env.BUCKET.put(r2Keys.versionAssets(app.id, version), assetNames, {
    httpMetadata: { contentType: "application/json" },
  });
  await env.BUCKET.put(r2Keys.index(app.id, version), built.html, {
    httpMetadata: { contentType: "text/html; charset=utf-8" },
  });
  clock.start("live");
  const revision = await commitVersion(env.DB, { appId: app.id, version, hash: built.hash, bytes: built.bytes });
  await options.onLive?.(revision);
  clock.end();
  // Time per phase, for whoever reads the logs when a publish feels slow.
  console.log(`publish ${app.id} v${version}: ${clock.timings.map(([p, ms]) => `${p} ${ms} ms`).join(", ")}`);

  // Housekeeping after the version is live: a failure here never undoes the publish.
  let collected = 0;
  let storedBytes = 0;
  try {
    collected = await collectUnusedAssets(env, app.id, { now: Date.now() });
    storedBytes = await measureStoredBytes(env, app.id);
  } catch (err) {
    console.error("publish: asset collection or measuring failed", app.id, err instanceof Error ? err.message : err);
  }
  return {
    ok: true,
    version,
    hash: built.hash,
    bytes: built.bytes,
    assets: built.assets.length,
    storedBytes,
    collected,
  };
}
