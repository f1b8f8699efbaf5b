import type { AppRow } from "../apps/queries";

/** The README.md at the top of an export: what is in it and how to run or host it elsewhere. */
export function exportReadme(app: Pick<AppRow, "slug" | "name" | "templateId" | "currentVersion">, at: Date): string {
  const live =
    app.currentVersion === null
      ? "This app was never published, so there is no `bundle/`."
      : `\`bundle/\` is version ${app.currentVersion}, the one that was live when you exported.`;
  return `# ${app.name || app.slug}: exported from Sandlot

Exported ${at.toISOString()} from the app \`${app.slug}\` (template \`${app.templateId}\`).

## What is here

| path | what it holds |
|---|---|
| \`export.json\` | what this export is: app, template, time, counts (read by Sandlot's import) |
| \`sources/draft/\` | your blanks as last saved in the studio |
| \`sources/published/\` | the blanks the live version was built from |
| \`sources/template/\` | every file of the template (\`template.json\`, its manifest: collections, rules, plans) |
| \`bundle/\` | the built site as served: \`index.html\`, \`assets/\`, the shared React in \`_sandlot/vendor/\` |
| \`data/<collection>.json\`, \`.csv\` | every record of each collection, oldest first, with its id, owner and times |
| \`users.json\`, \`users.csv\` | your end users: id, email, whether the email was verified, when they signed up |
| \`subscriptions.json\` | their subscriptions as Stripe last reported them (plan, status, period end) |
| \`files.json\`, \`files/<id>\` | files your users uploaded, with their owner, name and type |

There are no password hashes, sessions, reset or verification tokens, API keys or Stripe
secrets in this export: none of those ever leave Sandlot.

${live}

## Running it elsewhere

\`bundle/\` is static files: serve the folder with any static host (for a look on your machine,
\`npx serve bundle\` or \`python3 -m http.server -d bundle\`). The pages call the app API at
\`/_api/*\` on their own origin (sign-up and login, \`/_api/collections/<name>\`, \`/_api/files\`,
checkout): to keep the app working somewhere else, put a backend that answers those paths behind
the same origin. The contract of every path, and of the SDK the pages use, is in Sandlot's
\`docs/app-api.md\` and \`docs/sdk.md\`; \`sources/template/template.json\` says which collections,
rules and plans the backend must enforce. The CSV and JSON files open in any spreadsheet or database
tool.

## Bringing it back to Sandlot

Create a new app of the template \`${app.templateId}\` and import this zip (studio: the app's
Settings, Import; or \`sandlot import <new-slug> <this-file>.zip\`). Users come back without
passwords: each one sets a new password with "Forgot password". Subscriptions stay with Stripe and
are not re-created.
`;
}
