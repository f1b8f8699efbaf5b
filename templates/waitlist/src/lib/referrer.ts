/**
 * Who invited this browser: the entry id from a `#/r/<id>` link, kept until the person joins.
 * It has to outlive the confirmation mail, whose link opens the app's home page, often in a new
 * tab. It is an entry id anyone may read in the line, not a secret; the server checks it exists.
 */
const KEY = "waitlist:invitedBy";
const ID = /^[A-Za-z0-9-]{1,64}$/;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // A sandboxed frame (the studio preview) may have no storage: the link's route still works.
    return null;
  }
}

/** The referrer to use: the link's, else the one remembered from an earlier visit. */
export function referrerFor(fromLink: string | null): string | null {
  const store = storage();
  if (fromLink && ID.test(fromLink)) {
    store?.setItem(KEY, fromLink);
    return fromLink;
  }
  const kept = store?.getItem(KEY) ?? null;
  return kept && ID.test(kept) ? kept : null;
}

/** Forget it once the person is on the list. */
export function forgetReferrer(): void {
  storage()?.removeItem(KEY);
}
