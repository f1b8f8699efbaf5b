// Types for the helpers TypeScript files import from lib.mjs (the tests and the e2e config).
export const root: string;
export function freePort(): Promise<number>;
