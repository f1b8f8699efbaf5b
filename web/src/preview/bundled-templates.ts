/**
 * Fallback source of the templates' locked files: the same templates/<id>/ folders the server
 * bundles (scripts/gen-templates.mjs takes index.html and src/**), baked into one lazily loaded
 * studio chunk at build time. Used only when GET /api/templates/:id/files is not available.
 */
const raw = import.meta.glob(["../../../templates/*/index.html", "../../../templates/*/src/**/*", "!**/*.test.*"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

const PREFIX = "../../../templates/";

export const BUNDLED_TEMPLATE_FILES: Record<string, Record<string, string>> = (() => {
  const out: Record<string, Record<string, string>> = {};
  for (const [key, content] of Object.entries(raw)) {
    if (!key.startsWith(PREFIX)) continue;
    const rest = key.slice(PREFIX.length);
    const slash = rest.indexOf("/");
    const id = rest.slice(0, slash);
    const path = rest.slice(slash + 1);
    (out[id] ??= {})[path] = content;
  }
  return out;
})();
