/**
 * The token of a mailed reset link (`/reset-password#sandlot_reset=…`, platform/mail/studio-messages.ts).
 * It travels in the fragment so that it never reaches a server log or a Referer header.
 */
export function resetTokenFrom(hash: string): string | null {
  const match = /^#sandlot_reset=([A-Za-z0-9._-]{1,200})$/.exec(hash);
  return match ? (match[1] ?? null) : null;
}

/** Takes the token out of the address bar, so that it is not kept in history or copied with the URL. */
export function takeResetToken(): string | null {
  const token = resetTokenFrom(window.location.hash);
  if (token) window.history.replaceState(window.history.state, "", window.location.pathname);
  return token;
}
