import list from "./common-passwords.json";

/**
 * NIST SP 800-63B (5.1.1.2) asks that a new password be checked against values known to be
 * commonly used or compromised. common-passwords.json holds the 10,000 most common passwords of
 * 8 to 64 characters, lower-cased, in rank order, taken from the ranked leak list that
 * @zxcvbn-ts/language-common 4.1.3 ships (MIT, Dropbox's zxcvbn corpus). It is data, not a
 * dependency: regenerate it with scripts/common-passwords.mjs.
 */
const COMMON = new Set<string>(list as string[]);

/** The number of passwords the check knows, for docs and tests. */
export const COMMON_PASSWORD_COUNT = COMMON.size;

/** True for a password on the list, compared without case or surrounding spaces. */
export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.normalize("NFKC").trim().toLowerCase());
}
