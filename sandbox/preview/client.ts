/**
 * The app side of the preview bridge (`bridgeTransport`). Defined in sandbox/sdk/bridge.ts because
 * it is bundled into every app with @sandlot/sdk, which may only contain files from its own folder.
 */
export * from "../sdk/bridge";
