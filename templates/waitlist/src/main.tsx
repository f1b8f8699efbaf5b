import { createRoot } from "react-dom/client";
import { configureSdk, detectTransport } from "@sandlot/sdk";
import { App } from "./App";
import "@sandlot/kit/base.css";
import "./blanks/theme.css";

// Locked entry: pick the transport once (fetch on the app's origin, the bridge in the studio
// preview), then render. Blank files never configure the SDK.
configureSdk({ transport: detectTransport() });
createRoot(document.getElementById("root")!).render(<App />);
