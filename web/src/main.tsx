import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClientProvider } from "@tanstack/react-query";
import { App } from "./App";
import { ShortcutsSheet } from "./components/ShortcutsSheet";
import { queryClient } from "./lib/queries";
import "./styles.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
        <ShortcutsSheet />
      </QueryClientProvider>
    </StrictMode>,
  );
}
