import { CRC_START, crcEnd, crcUpdate } from "./crc32";

/**
 * A store-only zip writer that streams: each entry's bytes pass through once, its CRC and size
 * are written after it (a data descriptor, flag bit 3), and only the small central directory is
 * kept until the end. The stream is pulled, so a slow download slows the reads from the Durable
 * Object and R2 behind it, and memory stays at one chunk plus the directory. No compression:
 * exports are mostly JSON read once, and the CPU a deflate would cost is better spent elsewhere.
 *
 * Limits (no zip64): at most 65,535 entries and 4 GiB in all; the caller checks before it starts.
 */

export const ZIP_LIMITS = { maxEntries: 65_535, maxBytes: 0xffff_ffff } as const;

export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  name: string;
  body: string | Uint8Array | AsyncIterable<Uint8Array>;
}

interface Written {
  name: Uint8Array;
  crc: number;
  size: number;
  offset: number;
}

const encoder = new TextEncoder();
const FLAGS = 0x0008 | 0x0800; // sizes after the data; names are UTF-8

function dosTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((Math.max(1980, at.getUTCFullYear()) - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

function localHeader(name: Uint8Array, stamp: { time: number; date: number }): Uint8Array {
  const b = new Uint8Array(30 + name.length);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0x04034b50, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, FLAGS, true);
  v.setUint16(8, 0, true);
  v.setUint16(10, stamp.time, true);
  v.setUint16(12, stamp.date, true);
  // CRC and sizes are zero here and follow the data (flag bit 3).
  v.setUint16(26, name.length, true);
  b.set(name, 30);
  return b;
}

function descriptor(crc: number, size: number): Uint8Array {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0x08074b50, true);
  v.setUint32(4, crc, true);
  v.setUint32(8, size, true);
  v.setUint32(12, size, true);
  return b;
}

function centralDirectory(entries: Written[], stamp: { time: number; date: number }, offset: number): Uint8Array {
  const size = entries.reduce((n, e) => n + 46 + e.name.length, 0);
  const b = new Uint8Array(size + 22);
  const v = new DataView(b.buffer);
  let p = 0;
  for (const e of entries) {
    v.setUint32(p, 0x02014b50, true);
    v.setUint16(p + 4, 20, true);
    v.setUint16(p + 6, 20, true);
    v.setUint16(p + 8, FLAGS, true);
    v.setUint16(p + 10, 0, true);
    v.setUint16(p + 12, stamp.time, true);
    v.setUint16(p + 14, stamp.date, true);
    v.setUint32(p + 16, e.crc, true);
    v.setUint32(p + 20, e.size, true);
    v.setUint32(p + 24, e.size, true);
    v.setUint16(p + 28, e.name.length, true);
    v.setUint32(p + 42, e.offset, true);
    b.set(e.name, p + 46);
    p += 46 + e.name.length;
  }
  v.setUint32(p, 0x06054b50, true);
  v.setUint16(p + 8, entries.length, true);
  v.setUint16(p + 10, entries.length, true);
  v.setUint32(p + 12, size, true);
  v.setUint32(p + 16, offset, true);
  return b;
}

async function* chunksOf(body: ZipEntry["body"]): AsyncIterable<Uint8Array> {
  if (typeof body === "string") yield encoder.encode(body);
  else if (body instanceof Uint8Array) yield body;
  else yield* body;
}

/** The archive's bytes, in order: what `zipStream` serves. Exposed for tests. */
export async function* zipChunks(entries: AsyncIterable<ZipEntry>, at: Date): AsyncGenerator<Uint8Array> {
  const stamp = dosTime(at);
  const written: Written[] = [];
  let offset = 0;
  for await (const entry of entries) {
    if (written.length >= ZIP_LIMITS.maxEntries) throw new Error("zip: too many entries");
    const name = encoder.encode(entry.name);
    const header = localHeader(name, stamp);
    const start = offset;
    yield header;
    offset += header.length;
    let crc = CRC_START;
    let size = 0;
    for await (const chunk of chunksOf(entry.body)) {
      if (chunk.length === 0) continue;
      crc = crcUpdate(crc, chunk);
      size += chunk.length;
      yield chunk;
    }
    offset += size;
    const done = crcEnd(crc);
    const tail = descriptor(done, size);
    yield tail;
    offset += tail.length;
    if (offset > ZIP_LIMITS.maxBytes) throw new Error("zip: archive over 4 GiB");
    written.push({ name, crc: done, size, offset: start });
  }
  yield centralDirectory(written, stamp, offset);
}

/** The archive as a pulled byte stream; an error in a source aborts the download (the zip is then incomplete). */
export function zipStream(entries: AsyncIterable<ZipEntry>, at: Date): ReadableStream<Uint8Array> {
  const chunks = zipChunks(entries, at);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller): Promise<void> {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel(): Promise<void> {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
