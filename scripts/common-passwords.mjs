// Regenerates platform/auth/common-passwords.json from the ranked password list of
// @zxcvbn-ts/language-common (MIT). Run: `npm pack @zxcvbn-ts/language-common@4.1.3` in a temp
// folder, unpack it, then `node scripts/common-passwords.mjs <unpacked>/package/src/passwords.json`.
import { readFileSync, writeFileSync } from "node:fs";

const [source] = process.argv.slice(2);
if (!source) {
  console.error("usage: node scripts/common-passwords.mjs <path to passwords.json>");
  process.exit(2);
}
const ranked = JSON.parse(readFileSync(source, "utf8"));
const seen = new Set();
const out = [];
for (const p of ranked) {
  const s = String(p).toLowerCase();
  // Shorter ones are refused by the length rule anyway; longer ones are not worth the bytes.
  if (s.length < 8 || s.length > 64 || seen.has(s)) continue;
  seen.add(s);
  out.push(s);
  if (out.length === 10_000) break;
}
writeFileSync(new URL("../platform/auth/common-passwords.json", import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${out.length} passwords`);
