/**
 * Where an app lives in R2. Everything for one app is under `apps/<id>/` (the id, never the slug,
 * so a slug can never address another app's objects):
 *   assets/<name>                content-hashed bundle files, shared by every version, immutable
 *   versions/<n>/index.html      the page of version n, which names its assets
 *   versions/<n>/sources.json    the exact saved blanks version n was built from
 *   versions/<n>/assets.json     the asset names version n uses (what asset collection keeps)
 *   sources/draft.json           the blanks as last saved in the studio or pushed by the CLI
 *   files/<id>                   end users' uploads (metadata and ownership in the app's object)
 *   ai/proposals/<id>.json       blanks the AI assistant proposed (decided on in D1 ai_proposals)
 */
export const r2Keys = {
  /** Everything of one app; deleting an app deletes everything under it. */
  root: (appId: string): string => `apps/${appId}/`,
  asset: (appId: string, name: string): string => `apps/${appId}/assets/${name}`,
  index: (appId: string, version: number): string => `apps/${appId}/versions/${version}/index.html`,
  versionSources: (appId: string, version: number): string => `apps/${appId}/versions/${version}/sources.json`,
  versionAssets: (appId: string, version: number): string => `apps/${appId}/versions/${version}/assets.json`,
  assetsPrefix: (appId: string): string => `apps/${appId}/assets/`,
  draft: (appId: string): string => `apps/${appId}/sources/draft.json`,
  file: (appId: string, fileId: string): string => `apps/${appId}/files/${fileId}`,
  aiProposal: (appId: string, proposalId: string): string => `apps/${appId}/ai/proposals/${proposalId}.json`,
  /** Templates pushed into a development platform (`sandlot template push`); never read in production. */
  pushedTemplatesPrefix: "dev-templates/",
  pushedTemplate: (templateId: string): string => `dev-templates/${templateId}.json`,
};
