/**
 * Where a value sits in a JSON text, so manifest problems can be shown as template.json:line. One
 * locator for the platform's manifest checks and the CLI (`sandlot template check` bundles this
 * file): a real JSON parser with offsets (jsonc-parser), so a key that appears in several places
 * is found where the path says, never at its first occurrence.
 */
import { findNodeAtLocation, type Node, parseTree } from "jsonc-parser";

export interface JsonPosition {
  line: number;
  column: number;
}

function positionOf(text: string, offset: number): JsonPosition {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++)
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  return { line, column: offset - lineStart + 1 };
}

/** A property's value is shown at its key, so the line names the field; array items at themselves. */
function offsetOf(node: Node): number {
  const parent = node.parent;
  if (parent?.type === "property" && parent.children?.[1] === node) return parent.offset;
  return node.offset;
}

/**
 * The position of the value at `path` (zod issue paths: keys and array indexes), or of its deepest
 * ancestor that exists (a missing key is reported where it should have been written).
 */
export function locateJsonPath(text: string, path: ReadonlyArray<PropertyKey>): JsonPosition {
  const root = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  if (!root) return { line: 1, column: 1 };
  const segments = path.filter((s): s is string | number => typeof s !== "symbol");
  for (let n = segments.length; n > 0; n--) {
    const node = findNodeAtLocation(root, segments.slice(0, n));
    if (node) return positionOf(text, offsetOf(node));
  }
  return positionOf(text, root.offset);
}

/** Where JSON.parse-style syntax errors are: the first error jsonc-parser reports, else line 1. */
export function locateJsonSyntaxError(text: string): JsonPosition | null {
  const errors: Array<{ error: number; offset: number; length: number }> = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  return first ? positionOf(text, first.offset) : null;
}
