import { crc32 } from "./crc32";

/**
 * Reads a zip held in memory through its central directory: stored and deflated entries (so an
 * export re-zipped by a desktop tool still imports), each checked against its CRC. Names are
 * looked up exactly; nothing here writes a path anywhere, so `../` in a name is just a string.
 */

export interface ZipDirectory {
  bytes: Uint8Array;
  entries: Map<string, { method: number; size: number; compressed: number; offset: number; crc: number }>;
}

export type ZipReadResult = { ok: true; zip: ZipDirectory } | { ok: false; reason: string };

const decoder = new TextDecoder();

export function readZipDirectory(bytes: Uint8Array): ZipReadResult {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (v.getUint32(p, true) === 0x06054b50) {
      end = p;
      break;
    }
  }
  if (end < 0) return { ok: false, reason: "This is not a zip file." };
  const count = v.getUint16(end + 10, true);
  const dirSize = v.getUint32(end + 12, true);
  let p = v.getUint32(end + 16, true);
  if (p + dirSize > end) return { ok: false, reason: "The zip's directory is damaged." };
  const entries: ZipDirectory["entries"] = new Map();
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || v.getUint32(p, true) !== 0x02014b50)
      return { ok: false, reason: "The zip's directory is damaged." };
    const nameLength = v.getUint16(p + 28, true);
    const extra = v.getUint16(p + 30, true);
    const comment = v.getUint16(p + 32, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    entries.set(name, {
      method: v.getUint16(p + 10, true),
      crc: v.getUint32(p + 16, true),
      compressed: v.getUint32(p + 20, true),
      size: v.getUint32(p + 24, true),
      offset: v.getUint32(p + 42, true),
    });
    p += 46 + nameLength + extra + comment;
  }
  return { ok: true, zip: { bytes, entries } };
}

async function inflate(data: Uint8Array, limit: number): Promise<Uint8Array | null> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream("deflate-raw"));
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    // The declared size bounds what we accept: a zip bomb stops here.
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const part of parts) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}

export type EntryResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: string } | null;

/** An entry's bytes; null when there is no such entry. */
export async function readEntry(zip: ZipDirectory, name: string, maxBytes: number): Promise<EntryResult> {
  const e = zip.entries.get(name);
  if (!e) return null;
  if (e.size > maxBytes) return { ok: false, reason: `${name} is larger than ${maxBytes} bytes.` };
  const v = new DataView(zip.bytes.buffer, zip.bytes.byteOffset, zip.bytes.byteLength);
  if (e.offset + 30 > zip.bytes.length || v.getUint32(e.offset, true) !== 0x04034b50)
    return { ok: false, reason: `${name} is damaged.` };
  const start = e.offset + 30 + v.getUint16(e.offset + 26, true) + v.getUint16(e.offset + 28, true);
  if (start + e.compressed > zip.bytes.length) return { ok: false, reason: `${name} is damaged.` };
  const raw = zip.bytes.subarray(start, start + e.compressed);
  let bytes: Uint8Array | null;
  if (e.method === 0) bytes = raw;
  else if (e.method === 8) bytes = await inflate(raw, e.size).catch(() => null);
  else return { ok: false, reason: `${name} uses a compression this import does not read.` };
  if (!bytes || bytes.length !== e.size || crc32(bytes) !== e.crc) return { ok: false, reason: `${name} is damaged.` };
  return { ok: true, bytes };
}
