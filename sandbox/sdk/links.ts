/**
 * The links in an app's mails (docs/app-api.md): `<origin>/#sandlot_verify=<token>` and
 * `<origin>/#sandlot_reset=<token>`. The token rides in the fragment, so it never reaches a server
 * in a Referer or a log line; the page reads it once at load and takes it out of the address bar,
 * so a reload, a bookmark or a shared screenshot does not carry it.
 */

export interface EmailLink {
  kind: "verify" | "reset";
  token: string;
}

const LINK = /^#sandlot_(verify|reset)=([a-z2-7]{32}\.[a-z2-7]{32})$/;

/** The link a location hash carries, or null. */
export function readEmailLink(hash: string): EmailLink | null {
  const m = LINK.exec(hash);
  return m ? { kind: m[1] as EmailLink["kind"], token: m[2]! } : null;
}

function fromPage(): EmailLink | null {
  if (typeof window === "undefined") return null;
  try {
    return readEmailLink(window.location.hash);
  } catch {
    return null;
  }
}

// Read at load, before a router can rewrite the hash (the kit's router treats it as the home page).
let pending: EmailLink | null = fromPage();

/**
 * The mail link this page was opened with, once: later calls get null. The fragment is removed
 * from the address bar (history.replaceState: no reload, no history entry).
 */
export function takeEmailLink(): EmailLink | null {
  const link = pending ?? fromPage();
  pending = null;
  if (link && typeof window !== "undefined") {
    try {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    } catch {
      // An opaque-origin frame may refuse; the token is single-use anyway.
    }
  }
  return link;
}

/** Test helper: pretend the page was opened at `hash`. */
export function setEmailLinkForTests(hash: string): void {
  pending = readEmailLink(hash);
}
