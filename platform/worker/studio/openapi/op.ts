import type { Op } from "../../../object/api/openapi/operation";
import type { StudioResponse } from "../contract";
import type { StudioBody } from "../requests";

/** One studio operation: the app document's Op, with its body and answer named by the studio contract. */

/** Error answers beyond the ones every studio operation may give (studio-document.ts STUDIO_ERRORS). */
export type ExtraStatus = "410" | "422" | "502" | "503";

export interface StudioOp extends Op {
  /** Statuses only this operation answers, e.g. 503 when the platform lacks a service. */
  extra?: ExtraStatus[];
}

type Method = Op["method"];

/** The success answer: its status, what it means, and its contract response (null: no JSON body). */
type Answer = readonly [status: number, description: string, response: StudioResponse | null];

export interface OpSpec {
  summary: string;
  body?: StudioBody | { mediaType: string };
  query?: Op["query"];
  pathSchemas?: Op["pathSchemas"];
  alsoOk?: Op["alsoOk"];
  extra?: ExtraStatus[];
  description?: string;
}

export const componentName = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/** `route("post", "/api/apps", "apps", [201, "Created", "app"], {...})`: one row of the studio's table. */
export function route(method: Method, path: string, tag: string, answer: Answer, spec: OpSpec): StudioOp {
  const [status, description, response] = answer;
  const ok: Op["ok"] = response
    ? { status, description, ref: `${componentName(response)}Response` }
    : { status, description };
  const { body, ...rest } = spec;
  return {
    method,
    path,
    tag,
    ok,
    ...rest,
    ...(body === undefined ? {} : { body: typeof body === "string" ? { ref: `${componentName(body)}Body` } : body }),
  };
}
