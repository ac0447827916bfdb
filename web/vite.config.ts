// Vite configuration of the Headwater web UI. `scripts/build-web.sh` passes --outDir
// (build/share/web, where `headwater serve` looks). Asset URLs are absolute ("/assets/…") because
// client-side routes such as /stories/12 are served the same index.html.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  build: {
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev` against a running `headwater serve` (HW_API, default 127.0.0.1:8080).
    proxy: { "/api": process.env.HW_API ?? "http://127.0.0.1:8080" },
  },
});
