// The zip writer and reader: a round trip, a deflated zip as desktop tools write them, and the
// damaged or hostile ones the reader refuses (a zip bomb stops at the declared size).
import { describe, expect, it } from "vitest";
import { crc32 } from "./crc32";
import { readEntry, readZipDirectory } from "./zip-reader";
import { type ZipEntry, zipChunks, zipStream } from "./zip-writer";

async function zipOf(entries: ZipEntry[]): Promise<Uint8Array> {
  async function* all(): AsyncGenerator<ZipEntry> {
    yield* entries;
  }
  const parts: Uint8Array[] = [];
  for await (const c of zipChunks(all(), new Date("2026-01-02T03:04:05Z"))) parts.push(c);
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** One deflated entry, laid out as a desktop zip tool writes it (sizes in the local header). */
async function deflatedZip(name: string, content: Uint8Array, declared = content.length): Promise<Uint8Array> {
  const data = await deflate(content);
  const n = new TextEncoder().encode(name);
  const local = new Uint8Array(30 + n.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(14, crc32(content), true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, declared, true);
  lv.setUint16(26, n.length, true);
  local.set(n, 30);
  const central = new Uint8Array(46 + n.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(16, crc32(content), true);
  cv.setUint32(20, data.length, true);
  cv.setUint32(24, declared, true);
  cv.setUint16(28, n.length, true);
  central.set(n, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length + data.length, true);
  return new Uint8Array(await new Blob([local, data, central, end]).arrayBuffer());
}

describe("zip writer and reader", () => {
  it("round-trips entries of every body kind, with UTF-8 names and an empty entry", async () => {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(70_000).fill(7);
      yield new Uint8Array([1, 2, 3]);
    }
    const bytes = await zipOf([
      { name: "a.txt", body: "hello" },
      { name: "dir/b.bin", body: chunks() },
      { name: "empty.json", body: "" },
      { name: "données/ü.txt", body: new TextEncoder().encode("utf8") },
    ]);
    const dir = readZipDirectory(bytes);
    if (!dir.ok) throw new Error(dir.reason);
    expect([...dir.zip.entries.keys()]).toEqual(["a.txt", "dir/b.bin", "empty.json", "données/ü.txt"]);
    const b = await readEntry(dir.zip, "dir/b.bin", 1_000_000);
    expect(b?.ok && b.bytes.length).toBe(70_003);
    const a = await readEntry(dir.zip, "a.txt", 100);
    expect(a?.ok && new TextDecoder().decode(a.bytes)).toBe("hello");
    expect(await readEntry(dir.zip, "missing", 100)).toBeNull();
    expect(await readEntry(dir.zip, "dir/b.bin", 10)).toEqual({ ok: false, reason: expect.stringContaining("larger") });
  });

  it("reads a deflated entry, and refuses one that inflates past its declared size or fails its CRC", async () => {
    const content = new TextEncoder().encode("a".repeat(100_000));
    const good = readZipDirectory(await deflatedZip("data/x.json", content));
    if (!good.ok) throw new Error(good.reason);
    const read = await readEntry(good.zip, "data/x.json", 200_000);
    expect(read?.ok && read.bytes.length).toBe(100_000);

    const bomb = readZipDirectory(await deflatedZip("data/x.json", content, 1000));
    if (!bomb.ok) throw new Error(bomb.reason);
    expect((await readEntry(bomb.zip, "data/x.json", 200_000))?.ok).toBe(false);

    const stored = await zipOf([{ name: "x", body: "hello world" }]);
    stored[35] = stored[35]! ^ 0xff; // a byte of the data
    const damaged = readZipDirectory(stored);
    if (!damaged.ok) throw new Error(damaged.reason);
    expect(await readEntry(damaged.zip, "x", 100)).toEqual({ ok: false, reason: "x is damaged." });
  });

  it("streams: a source is read only as far as the reader has pulled (memory stays at a chunk or two)", async () => {
    let produced = 0;
    async function* records(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 10_000; i++) {
        produced++;
        yield new Uint8Array(1024).fill(i & 0xff);
      }
    }
    async function* entries(): AsyncGenerator<ZipEntry> {
      yield { name: "data/big.json", body: records() };
    }
    const reader = zipStream(entries(), new Date()).getReader();
    let read = 0;
    for (let i = 0; i < 20; i++) read += ((await reader.read()).value ?? new Uint8Array()).length;
    expect(read).toBeGreaterThan(10_000);
    // Time for any read-ahead to happen, if the stream did any.
    await new Promise((r) => setTimeout(r, 100));
    // 20 reads in, about 20 of the 10,000 chunks exist: nothing ran ahead into memory.
    expect(produced).toBeLessThanOrEqual(22);
    await reader.cancel();
  });

  it("refuses what is not a zip, and a directory pointing past the end", async () => {
    expect(readZipDirectory(new TextEncoder().encode("not a zip")).ok).toBe(false);
    const bytes = await zipOf([{ name: "x", body: "y" }]);
    new DataView(bytes.buffer).setUint32(bytes.length - 6, 0x7fffffff, true);
    expect(readZipDirectory(bytes).ok).toBe(false);
  });
});
