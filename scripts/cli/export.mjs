// `sandlot export` and `sandlot import`: an app's whole export as one zip, and an export into a new app.
import { createWriteStream, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { connect } from "./commands.mjs";
import { ApiFailure } from "./http.mjs";

const count = (n, one) => `${n} ${one}${n === 1 ? "" : "s"}`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export async function exportApp([slug], flags, log) {
  const { url, api } = connect(flags);
  const { data } = await api.post(`/api/apps/${encodeURIComponent(slug)}/exports`);
  // The link is single-use: fetched once, here, against the studio this CLI talks to.
  const link = new URL(new URL(data.url).pathname, url);
  const target = flags.output ?? `${slug}-export-${new Date().toISOString().slice(0, 10)}.zip`;
  const res = await fetch(link, { headers: { authorization: `Bearer ${api.token}` } });
  if (!res.ok || !res.body) {
    const body = await res.json().catch(() => null);
    throw new ApiFailure(res.status, body?.error?.code ?? "http_error", body?.error?.message ?? `HTTP ${res.status}`);
  }
  const partial = `${target}.part`;
  let received = 0;
  const counted = Readable.fromWeb(res.body);
  counted.on("data", (chunk) => {
    received += chunk.length;
  });
  try {
    await pipeline(counted, createWriteStream(partial));
  } catch (err) {
    rmSync(partial, { force: true });
    throw new ApiFailure(
      0,
      "interrupted",
      `the download stopped after ${mb(received)} (${err.message}); run export again`,
    );
  }
  renameSync(partial, target);
  log(`Exported ${slug} to ${target} (${mb(statSync(target).size)}).`);
}

export async function importApp([slug, file], flags, log) {
  const { api } = connect(flags);
  const bytes = readFileSync(file);
  log(`Importing ${file} (${mb(bytes.length)}) into ${slug} …`);
  const { data } = await api.post(`/api/apps/${encodeURIComponent(slug)}/imports`, bytes, {
    "content-type": "application/zip",
  });
  const records = Object.entries(data.records)
    .map(([name, t]) => `${t.imported} ${name}`)
    .join(", ");
  log(
    `${data.resumed ? "Imported before; skipped what was in. " : ""}Imported ${count(data.users.imported, "user")}, ` +
      `${count(data.files.imported, "file")}, ${records || "no records"}.`,
  );
  for (const r of data.rejections) log(`  refused ${r.what} ${r.id}: ${r.message}`);
  log("Imported users have no password: each sets one with “Forgot password”.");
  return data.rejections.length > 0 ? 1 : 0;
}
