/**
 * @sandlot/kit: the locked UI every template shares (see docs/templates.md, "The locked kit").
 * Platform code, bundled into each app from sandbox/kit/ like @sandlot/sdk; it is never among an
 * app's files, so neither a creator nor the AI can change it. Imports only react and @sandlot/sdk
 * (the same SDK instance as the app's own imports). Styles: import "@sandlot/kit/base.css".
 */
export { currentPath, Link, match, navigate, pathFromHash, useRoute, type LinkProps } from "./router";
export { Empty, ErrorNote, Loading } from "./Status";
export { AuthScreen, type AuthScreenProps } from "./AuthScreen";
export { AccountPage, type AccountPageProps, type PricingProps } from "./AccountPage";
export { NotFound, Shell, type ShellProps } from "./Shell";
