/**
 * Where the preview gets the template's locked source files (index.html, src/**):
 *   1. GET /api/templates/:id/files → { files } (the endpoint the studio expects), else
 *   2. the app's own files, when GET /api/apps/:slug/files returns the whole tree (main.tsx and
 *      index.html present), else
 *   3. nothing: the preview explains that it cannot build.
 */

export interface TemplateFilesResult {
  files: Record<string, string> | null;
  source: "templates-endpoint" | "app-files" | "none";
}

function isStringRecord(v: unknown): v is Record<string, string> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  return Object.values(v).every((x) => typeof x === "string");
}

/** Pick the files out of an endpoint body: `{files}` or `{template: {files}}`. */
export function filesFromBody(body: unknown): Record<string, string> | null {
  if (typeof body !== "object" || body === null) return null;
  const b = body as Record<string, unknown>;
  if (isStringRecord(b.files)) return b.files;
  const t = b.template as Record<string, unknown> | undefined;
  if (t && typeof t === "object" && isStringRecord(t.files)) return t.files;
  return null;
}

export function isCompleteTree(files: Record<string, string>): boolean {
  return typeof files["index.html"] === "string" && typeof files["src/main.tsx"] === "string";
}

export function chooseTemplateFiles(
  fromEndpoint: Record<string, string> | null,
  appFiles: Record<string, string>,
): TemplateFilesResult {
  if (fromEndpoint && isCompleteTree(fromEndpoint)) return { files: fromEndpoint, source: "templates-endpoint" };
  if (isCompleteTree(appFiles)) return { files: appFiles, source: "app-files" };
  return { files: null, source: "none" };
}

export async function fetchTemplateFiles(templateId: string): Promise<Record<string, string> | null> {
  try {
    const res = await fetch(`/api/templates/${encodeURIComponent(templateId)}/files`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!res.ok) return null;
    return filesFromBody(await res.json());
  } catch {
    return null;
  }
}
