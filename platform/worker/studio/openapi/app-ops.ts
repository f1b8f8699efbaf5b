import { studioQueries } from "../requests";
import { queryFrom } from "./account-ops";
import { route, type StudioOp } from "./op";

/**
 * The studio's operations on one of the signed-in creator's apps. `{slug}` is always the
 * creator's own: anyone else's app answers 404, exactly like a missing one (T15).
 */

const A = "/api/apps/{slug}";

/** The data browser's `?copy=` and paging, as app-data.ts checks them. */
const COPY = {
  name: "copy",
  description: "live (default) or preview: which copy of the app's data",
  schema: { type: "string", enum: ["live", "preview"] },
};
const PAGE = [
  { name: "limit", description: "Items per page, 1–100", schema: { type: "string", pattern: "^\\d{1,3}$" } },
  {
    name: "before",
    description: "`next` from the previous page",
    schema: { type: "string", pattern: "^\\d{1,16}\\.[\\w-]{1,80}$" },
  },
];

function appOps(): StudioOp[] {
  return [
    route("post", "/api/apps", "apps", [201, "Created", "app"], {
      summary: "Create an app from a template",
      body: "createApp",
    }),
    route("get", "/api/apps", "apps", [200, "The creator's apps", "apps"], { summary: "List the creator's apps" }),
    route("get", A, "apps", [200, "The app", "app"], { summary: "Read one app" }),
    route("patch", A, "apps", [200, "Renamed (live and preview at once)", "app"], {
      summary: "Rename an app",
      body: "renameApp",
    }),
    route("delete", A, "apps", [200, "Deleted and purged", "appDeleted"], {
      summary: "Delete an app for good (confirm with its address); its slug is held for 30 days",
      body: "deleteApp",
      alsoOk: { status: 202, description: "Deleted; the purge finishes on the scheduled run" },
    }),
  ];
}

function draftOps(): StudioOp[] {
  return [
    route("get", `${A}/files`, "files", [200, "The draft's blanks and its revision (also the ETag)", "files"], {
      summary: "The app's blanks",
    }),
    route("put", `${A}/files`, "files", [200, "Saved", "savedFiles"], {
      summary: "Save blanks (If-Match: a revision, to refuse a save over someone else's)",
      body: "putFiles",
    }),
    route("post", `${A}/files/reset`, "files", [200, "Put back", "savedFiles"], {
      summary: "Put one blank back to the template's own content",
      body: "resetFile",
    }),
    route("post", `${A}/publish`, "publish", [201, "Live", "published"], {
      summary: "Build on the server and go live (Accept: application/x-ndjson streams the phases, answering 200)",
      alsoOk: { status: 200, description: "The phases as they happen (application/x-ndjson)" },
      extra: ["422"],
    }),
    route("get", `${A}/versions`, "versions", [200, "Published versions, newest first", "versions"], {
      summary: "The app's published versions",
    }),
    route("get", `${A}/versions/{version}`, "versions", [200, "The blanks it was built from", "versionFiles"], {
      summary: "A published version's blanks",
    }),
    route("post", `${A}/versions/{version}/restore`, "versions", [200, "Copied into the draft", "savedFiles"], {
      summary: "Restore a version's blanks into the draft (what is live does not change)",
    }),
    route("post", `${A}/rollback`, "versions", [200, "The version is live again", "rolledBack"], {
      summary: "Make an earlier version live",
      body: "rollback",
    }),
  ];
}

function settingsOps(): StudioOp[] {
  const provider = { provider: { type: "string", enum: ["google", "github"] } };
  return [
    route("get", `${A}/domain`, "domains", [200, "The custom domain, or null", "domain"], {
      summary: "The app's custom domain",
      extra: ["503"],
    }),
    route("post", `${A}/domain`, "domains", [201, "Added; prove ownership with the TXT record", "domain"], {
      summary: "Add a custom domain",
      body: "addDomain",
      extra: ["503"],
    }),
    route("post", `${A}/domain/verify`, "domains", [200, "Checked", "domain"], {
      summary: "Check the domain's DNS records now",
      extra: ["422", "503"],
    }),
    route("delete", `${A}/domain`, "domains", [200, "Removed", "domainRemoved"], {
      summary: "Remove the custom domain (confirm with its hostname)",
      body: "removeDomain",
      extra: ["503"],
    }),
    route("get", `${A}/oauth`, "oauth", [200, "The providers (secrets write-only)", "oauthProviders"], {
      summary: "Sign in with Google/GitHub: the app's settings",
    }),
    route("put", `${A}/oauth/{provider}`, "oauth", [200, "Saved", "oauthProviders"], {
      summary: "Turn a provider on or off, set its client id and (write-only) secret",
      body: "oauthSettings",
      pathSchemas: provider,
      extra: ["503"],
    }),
    route("get", `${A}/outbox`, "outbox", [200, "Mail the app sent, newest first", "outbox"], {
      summary: "The app's outbox (the live copy's only in development; the preview's everywhere)",
      query: queryFrom(studioQueries.appOutbox),
    }),
    route("get", `${A}/billing/events`, "billing", [200, "Stripe events for the app", "billingEvents"], {
      summary: "The app's billing events",
    }),
    route("get", `${A}/billing/subscribers`, "billing", [200, "The app's subscribers", "subscribers"], {
      summary: "The app's subscribers",
    }),
  ];
}

function dataOps(): StudioOp[] {
  return [
    route("get", `${A}/data/collections`, "data", [200, "The manifest's collections", "dataCollections"], {
      summary: "The app's collections",
    }),
    route("get", `${A}/data/collections/{name}`, "data", [200, "A page of records, newest first", "dataRecords"], {
      summary: "Records of one collection (live or preview)",
      query: [COPY, ...PAGE],
    }),
    route("delete", `${A}/data/collections/{name}/{id}`, "data", [204, "Deleted", null], {
      summary: "Delete one record",
      query: [COPY],
    }),
    route("get", `${A}/data/users`, "data", [200, "A page of end users, newest first", "dataUsers"], {
      summary: "The app's end users (live or preview)",
      query: [COPY, ...PAGE],
    }),
    route("delete", `${A}/data/users/{id}`, "data", [204, "Deleted, with their documents and uploads", null], {
      summary: "Delete one end user (refused while they still pay: 409)",
      query: [COPY],
    }),
    route("post", `${A}/exports`, "exports", [201, "A single-use link, ten minutes", "exportLink"], {
      summary: "Ask for an export of the app",
    }),
    route("get", `${A}/exports/{token}`, "exports", [200, "The zip (application/zip), once", null], {
      summary: "Download an export (the link from POST exports, once, as the creator who asked)",
      extra: ["410"],
    }),
    route("post", `${A}/imports`, "exports", [200, "What was imported, skipped and refused", "imported"], {
      summary: "Import an export zip into this app",
      body: { mediaType: "application/zip" },
    }),
  ];
}

function aiOps(): StudioOp[] {
  return [
    route("get", `${A}/ai/messages`, "ai", [200, "The conversation", "aiMessages"], {
      summary: "The assistant conversation about this app",
    }),
    route("post", `${A}/ai/chat`, "ai", [200, "A UI message stream (text/event-stream)", null], {
      summary: "Ask the assistant; it answers with a proposal to accept or reject",
      body: "chat",
      extra: ["503"],
    }),
    route("post", `${A}/ai/proposals/{id}/accept`, "ai", [200, "Saved into the draft", "aiAccepted"], {
      summary: "Accept a proposal",
    }),
    route("post", `${A}/ai/proposals/{id}/reject`, "ai", [204, "Rejected", null], { summary: "Reject a proposal" }),
  ];
}

export function appScopedOps(): StudioOp[] {
  return [...appOps(), ...draftOps(), ...settingsOps(), ...dataOps(), ...aiOps()];
}
