/**
 * Just enough source-map reading to point an output finding (a secret assembled by constant
 * folding, say) back at the source file and line. Only used when the output scan finds something.
 */

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Map<string, number>([...B64].map((c, i) => [c, i]));

export interface OriginalPosition {
  source: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

function decodeSegment(seg: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of seg) {
    const digit = B64_INDEX.get(ch);
    if (digit === undefined) return out;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/**
 * The original position of generated (line, column), both 1-based: the last mapping segment at
 * or before that column on that line. Undefined when the map has nothing for it.
 */
export function originalPositionFor(mapJson: string, line: number, column: number): OriginalPosition | undefined {
  let map: { sources?: unknown; mappings?: unknown };
  try {
    map = JSON.parse(mapJson) as { sources?: unknown; mappings?: unknown };
  } catch {
    return undefined;
  }
  if (!Array.isArray(map.sources) || typeof map.mappings !== "string") return undefined;
  const sources = map.sources as unknown[];
  const lines = map.mappings.split(";");
  let src = 0;
  let oLine = 0;
  let oCol = 0;
  let best: OriginalPosition | undefined;
  for (let l = 0; l < lines.length && l < line; l++) {
    let gCol = 0;
    for (const seg of (lines[l] ?? "").split(",")) {
      if (seg === "") continue;
      const f = decodeSegment(seg);
      gCol += f[0] ?? 0;
      if (f.length >= 4) {
        src += f[1] ?? 0;
        oLine += f[2] ?? 0;
        oCol += f[3] ?? 0;
        if (l === line - 1 && gCol <= column - 1) {
          const s = sources[src];
          if (typeof s === "string") best = { source: s, line: oLine + 1, column: oCol + 1 };
        }
      }
    }
  }
  return best;
}
