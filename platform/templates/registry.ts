import type { Env } from "../env";
import { devFeaturesEnabled } from "../environment";
import { manifestSchema, type Manifest } from "../manifest/schema";
import { FIXTURE_TEMPLATES, TEMPLATES } from "./bundle.gen";

export interface Template {
  id: string;
  manifest: Manifest;
  /** index.html and src/**, as the template author wrote them. */
  files: Record<string, string>;
}

const parsed = new Map<string, Template>();

function load(id: string, raw: { manifest: unknown; files: Record<string, string> }): Template {
  let t = parsed.get(id);
  if (!t) {
    // Manifests are validated by `sandlot template check` and in tests; a bad one is a deploy bug.
    t = { id, manifest: manifestSchema.parse(raw.manifest), files: raw.files };
    parsed.set(id, t);
  }
  return t;
}

/** Test fixtures exist only in development and test, so tests can drive the contract before real templates. */
function sources(env: Pick<Env, "ENVIRONMENT">): Record<string, { manifest: unknown; files: Record<string, string> }> {
  return devFeaturesEnabled(env) ? { ...FIXTURE_TEMPLATES, ...TEMPLATES } : TEMPLATES;
}

export function getTemplate(env: Pick<Env, "ENVIRONMENT">, id: string): Template | null {
  const all = sources(env);
  // Own keys only: an id like "constructor" or "toString" must miss, not find Object.prototype's.
  return Object.hasOwn(all, id) ? load(id, all[id]!) : null;
}

/** Templates creators can pick in the studio (never fixtures). */
export function listTemplates(): Template[] {
  return Object.entries(TEMPLATES).map(([id, raw]) => load(id, raw));
}
