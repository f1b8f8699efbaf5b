/**
 * What the preview builds against: the template's manifest (GET /api/templates) and its whole
 * source, locked files and blank defaults (GET /api/templates/:id/files → {files}). A failure is
 * thrown as the API's error, for the workspace to show; there is no fallback source.
 */
import { api, type StudioTypes } from "../lib/api";
import type { TemplatePayload } from "./worker-protocol";

export async function loadTemplate(templateId: string): Promise<TemplatePayload> {
  const [{ templates }, { files }] = await Promise.all([
    api<StudioTypes["templates"]>("GET", "/api/templates"),
    api<StudioTypes["templateFiles"]>("GET", `/api/templates/${encodeURIComponent(templateId)}/files`),
  ]);
  const template = templates.find((t) => t.id === templateId);
  // The files endpoint answers only for listed templates, so this means the list changed between the two calls.
  if (!template) throw new Error(`The template "${templateId}" is not offered by this server.`);
  return { id: templateId, manifest: template.manifest, files };
}
