/** CRC-32 (the zip and gzip polynomial), fed a chunk at a time so entries can stream. */

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export const CRC_START = 0xffffffff;

/** Folds `bytes` into a running value that started at CRC_START; `crcEnd` finishes it. */
export function crcUpdate(running: number, bytes: Uint8Array): number {
  let c = running;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c >>> 0;
}

export const crcEnd = (running: number): number => (running ^ 0xffffffff) >>> 0;

export const crc32 = (bytes: Uint8Array): number => crcEnd(crcUpdate(CRC_START, bytes));
