/**
 * The preview bridge message protocol (shared by the studio host, web/, and the app-side client).
 *
 * The definitions live in sandbox/sdk/protocol.ts because @sandlot/sdk is bundled into apps from
 * its own folder only (the builder resolves nothing outside sandbox/sdk); this module is the
 * studio-facing name for the same code. See that file for the message shapes and trust rules.
 */
export * from "../sdk/protocol";
