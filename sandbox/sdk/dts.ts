/**
 * For the builder (not exported from the SDK entry, so not in app bundles): the text of a .d.ts that
 * types `@sandlot/sdk`'s plain exports from a template manifest. JSON is valid TypeScript type
 * syntax, so the manifest's literal types (field types, select options, plan ids) are kept.
 */
export function registerDts(manifest: { collections?: unknown; plans?: unknown }): string {
  const shape = { collections: manifest.collections ?? {}, plans: manifest.plans ?? [] };
  return [
    "// Generated from template.json. Do not edit.",
    'import "@sandlot/sdk";',
    'declare module "@sandlot/sdk" {',
    `  interface Register { manifest: ${JSON.stringify(shape)} }`,
    "}",
    "",
  ].join("\n");
}
