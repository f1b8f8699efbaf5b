import type { z } from "zod";
import { manifestShape } from "./parts";
import { checkReferences } from "./references";

/**
 * The template manifest: the reviewed backend contract of a template. The server reads it as
 * data and never runs template code, so this schema is the whole surface a template author has
 * over the locked backend. Its parts are in parts.ts; what they name is checked in references.ts.
 */

export {
  ruleSchema,
  MAX_INDEXED,
  MAX_INDEXED_TEXT,
  fieldSchema,
  collectionRulesSchema,
  collectionLimitsSchema,
  collectionSchema,
  quotaSchema,
  planSchema,
  blankSchema,
  appLimitsSchema,
  SERVER_MANAGED_FIELDS,
} from "./parts";
export type { Rule, FieldSpec, CollectionSpec, PlanSpec, BlankSpec, QuotaSpec } from "./parts";

export const manifestSchema = manifestShape.superRefine(checkReferences);

export type Manifest = z.infer<typeof manifestSchema>;

/** Imports every template may use, whatever its manifest says (@sandlot/kit: the shared locked UI). */
export const BASE_IMPORTS: readonly string[] = [
  "react",
  "react/jsx-runtime",
  "react-dom/client",
  "@sandlot/sdk",
  "@sandlot/kit",
  "@sandlot/kit/base.css",
];
