#!/usr/bin/env node
// Bundles the usual start (dist/bin/chat-main.js: `librecode`, `librecode --resume`) into
// dist/bundle/: our own modules in a few files, split where the code imports lazily (the chat
// loop, extensions, providers), packages left external. Node 20 loads ES modules file by file
// with no compile cache, so ~160 small files cost ~100 ms of CPU before the first frame; the
// bundle loads a handful. bin/librecode prefers it when it is not older than dist/ and falls back
// to dist/bin/chat-main.js otherwise. Run by `npm run build` after tsc; skipped when esbuild is
// not installed (a production install without dev dependencies). `node scripts/bundle.mjs DIR`
// writes to DIR instead (tests; it must be inside the package, so the packages still resolve).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.resolve(process.argv[2] ?? path.join(ROOT, "dist", "bundle"));
let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  process.stderr.write("bundle: esbuild is not installed; bin/librecode runs dist/ unbundled\n");
  process.exit(0);
}
fs.rmSync(out, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [path.join(ROOT, "dist", "bin", "chat-main.js")],
  outdir: out, bundle: true, splitting: true, format: "esm", platform: "node", target: "node20",
  packages: "external", logLevel: "warning",
});
