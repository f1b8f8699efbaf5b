/**
 * What a file really is, from its first bytes (T42). The declared type is what the client says;
 * this is what the server believes. Only types the platform can recognise are ever stored.
 */

export type SniffedType = "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "application/pdf" | "text/plain";

const startsWith = (data: Uint8Array, bytes: readonly number[], offset = 0): boolean =>
  data.length >= offset + bytes.length && bytes.every((b, i) => data[offset + i] === b);
const ascii = (s: string): number[] => [...s].map((ch) => ch.charCodeAt(0));

function isPlainText(data: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return false;
  }
  // Control characters other than tab, newline, form feed and carriage return mean binary.
  for (const b of data) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) return false;
  return true;
}

export function sniff(data: Uint8Array): SniffedType | null {
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(data, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(data, ascii("GIF87a")) || startsWith(data, ascii("GIF89a"))) return "image/gif";
  if (startsWith(data, ascii("RIFF")) && startsWith(data, ascii("WEBP"), 8)) return "image/webp";
  if (startsWith(data, ascii("%PDF-"))) return "application/pdf";
  if (data.length > 0 && isPlainText(data)) return "text/plain";
  return null;
}

/** `image/PNG; charset=x` → `image/png`; empty and octet-stream mean "the client did not say". */
export function declaredType(raw: string): string | null {
  const type = raw.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "" || type === "application/octet-stream" ? null : type;
}
