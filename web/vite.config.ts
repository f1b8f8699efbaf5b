import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

// The studio: web/ → web/dist, served by the Worker on the studio origin (wrangler [assets]).
// public/ holds the preview shell (preview.html + preview-shell.js), copied verbatim: it must stay
// a classic script served from the studio origin (see docs/preview.md).
export default defineConfig({
  root: here,
  base: "/",
  publicDir: "public",
  plugins: [react()],
  // esbuild.wasm is imported with ?url and emitted as a hashed asset; never inline it.
  assetsInclude: ["**/*.wasm"],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    target: "es2022",
    chunkSizeWarningLimit: 1500,
  },
  worker: {
    format: "es",
  },
  server: { host: "127.0.0.1", fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] } },
});
