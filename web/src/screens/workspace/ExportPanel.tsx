import { useId, useState } from "react";
import { ErrorBanner, Notice } from "../../components/ui";
import { type AppSummary, api, ApiError, type StudioTypes } from "../../lib/api";
import { errorFromResponse } from "../../lib/api-core";
import { invalidate } from "../../lib/queries";

/**
 * Leaving with everything, and coming back (docs/export.md): one zip of the app's sources, its
 * built site and all its data, through a single-use link; and importing such a zip into a new app
 * of the same template. Both show how far they got.
 */
export function ExportPanel({ app }: { app: AppSummary }) {
  return (
    <>
      <ExportSection app={app} />
      <ImportSection app={app} />
    </>
  );
}

const megabytes = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
const count = (n: number, one: string): string => `${n} ${one}${n === 1 ? "" : "s"}`;

function ExportSection({ app }: { app: AppSummary }) {
  const ids = useId();
  const [progress, setProgress] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function run(): Promise<void> {
    setError(null);
    setDone(null);
    setProgress("Preparing the export…");
    try {
      const link = await api<StudioTypes["exportLink"]>("POST", `/api/apps/${encodeURIComponent(app.slug)}/exports`);
      const res = await fetch(link.url, { credentials: "same-origin" });
      if (!res.ok || !res.body) throw errorFromResponse(res.status, await res.text().catch(() => ""));
      const reader = res.body.getReader();
      const parts: Uint8Array[] = [];
      let received = 0;
      for (;;) {
        const { done: finished, value } = await reader.read();
        if (finished) break;
        parts.push(value);
        received += value.length;
        setProgress(`Downloading… ${megabytes(received)}`);
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `${app.slug}.zip`;
      const href = URL.createObjectURL(new Blob(parts as BlobPart[], { type: "application/zip" }));
      const a = document.createElement("a");
      a.href = href;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      setDone(`Saved ${name} (${megabytes(received)}).`);
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  }

  return (
    <section className="card panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Export</h2>
      <p className="muted">
        One zip with your blanks and the template's files, the built site that is live, and all the data: every
        collection as JSON and CSV, your end users (no passwords), their subscriptions and their uploads. It opens
        anywhere; its README says how to host the site elsewhere.
      </p>
      <div className="row">
        <button type="button" className="btn" onClick={() => void run()} disabled={progress !== null}>
          {progress !== null ? "Exporting…" : "Export app and data"}
        </button>
        {progress && (
          <span className="muted small" role="status">
            {progress}
          </span>
        )}
      </div>
      {done && <Notice tone="success">{done}</Notice>}
      <ErrorBanner error={error} />
    </section>
  );
}

type Summary = StudioTypes["imported"];

/** Uploads with XMLHttpRequest: fetch cannot report upload progress. */
function upload(path: string, file: File, onProgress: (fraction: number) => void): Promise<Summary> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("Content-Type", "application/zip");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as Summary);
      else reject(errorFromResponse(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, "network_error", "Could not reach Sandlot. Check your connection."));
    xhr.send(file);
  });
}

function ImportSection({ app }: { app: AppSummary }) {
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function run(): Promise<void> {
    if (!file) return;
    setError(null);
    setSummary(null);
    setProgress("Uploading… 0%");
    try {
      const result = await upload(`/api/apps/${encodeURIComponent(app.slug)}/imports`, file, (f) =>
        setProgress(f < 1 ? `Uploading… ${Math.round(f * 100)}%` : "Importing users, files and records…"),
      );
      setSummary(result);
      void invalidate("apps");
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  }

  return (
    <section className="card panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Import</h2>
      <p className="muted">
        Bring an export of an app of the template <strong>{app.template}</strong> into this app. Only a new app with no
        users or data takes an import. Records keep their ids and owners and are checked against the template's rules
        for fields and limits. Users come back <strong>without passwords</strong>: each sets a new one with “Forgot
        password”.
      </p>
      <div className="field">
        <label htmlFor={`${ids}-file`}>Export zip</label>
        <input
          id={`${ids}-file`}
          type="file"
          accept=".zip,application/zip"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setSummary(null);
          }}
        />
      </div>
      <div className="row">
        <button type="button" className="btn" onClick={() => void run()} disabled={!file || progress !== null}>
          {progress !== null ? "Importing…" : "Import into this app"}
        </button>
        {progress && (
          <span className="muted small" role="status">
            {progress}
          </span>
        )}
      </div>
      {summary && <ImportResult summary={summary} />}
      <ErrorBanner error={error} />
    </section>
  );
}

function ImportResult({ summary }: { summary: Summary }) {
  const records = Object.entries(summary.records);
  const rejected = summary.users.rejected + summary.files.rejected + records.reduce((n, [, t]) => n + t.rejected, 0);
  return (
    <div className="stack-small">
      <Notice tone={rejected > 0 ? "warn" : "success"}>
        {summary.resumed ? "This export was imported here before; what was already in was skipped. " : ""}
        Imported {count(summary.users.imported, "user")}, {count(summary.files.imported, "file")} and{" "}
        {records.map(([name, t]) => `${t.imported} ${name}`).join(", ") || "no records"}.
        {rejected > 0 ? ` ${rejected} entries were refused.` : ""}
      </Notice>
      {summary.rejections.length > 0 && (
        <ul className="small" aria-label="Refused entries">
          {summary.rejections.map((r) => (
            <li key={`${r.what}:${r.id}:${r.code}`}>
              <span className="mono">
                {r.what} {r.id}
              </span>
              : {r.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
