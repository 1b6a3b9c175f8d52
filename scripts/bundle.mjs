#!/usr/bin/env node
// Bundles the usual start (dist/bin/chat-main.js: `librecode`, `librecode --resume`) into one
// CommonJS file, dist/bundle/chat-main.cjs: our modules and yoga-layout, other packages left
// external (loaded on first use, as from dist/). Node 20 has no compile cache for ES modules: the
// ~160 files of dist/ cost ~100 ms of CPU to load and compile before the first frame. One CommonJS
// file can be compiled through vm.Script with V8's code cache (bin/bundle-loader.ts), which skips
// compiling what the last start compiled. bin/librecode prefers the bundle when it is not older
// than dist/ and falls back to dist/bin/chat-main.js otherwise. Run by `npm run build` after tsc;
// skipped when esbuild is not installed (a production install without dev dependencies).
// `node scripts/bundle.mjs DIR` writes to DIR instead (tests; it must be inside the package, so the
// packages still resolve).
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

// CommonJS cannot hold a top-level await. The two kinds in the chat's modules:
// - yoga-layout instantiates its wasm at import: aliased to scripts/yoga-layout-shim.mjs, whose
//   ready() bin/yoga-preload.ts awaits before the first layout;
// - the old-Node preload of an ES-module package (`canRequireEsm ? undefined : await import("pkg")`
//   in ui/text-measure.ts and ui/markdown.ts, for Node without require(esm)): the bundle only runs
//   where require(esm) works (bin/librecode checks), so the expression becomes `undefined`.
const OLD_NODE_PRELOAD = /canRequireEsm \? undefined : \(?await import\("[^"]+"\)\)?(\.default)?/g;
const dropOldNodePreload = {
  name: "drop-old-node-preload",
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (args) => {
      const code = fs.readFileSync(args.path, "utf8");
      if (!code.includes("canRequireEsm ?")) return undefined;
      return { contents: code.replace(OLD_NODE_PRELOAD, "undefined"), loader: "js" };
    });
  },
};

// yoga-layout's Emscripten module carries its wasm as a base64 data URL and decodes it at start
// (atob, then a JavaScript loop over the ~70 KB, ~3-4 ms of the first frame while the loop is still
// interpreted; the 95 KB string is also compiled into the code cache). The bundle takes the wasm
// out into yoga.wasm next to it, read by the shim as Emscripten's `wasmBinary`.
const YOGA_PKG = path.resolve(path.dirname(fileURLToPath(import.meta.resolve("yoga-layout/load"))), "..", "..");
const WASM_URL = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/;
const yogaShim = {
  name: "yoga-layout-shim",
  setup(build) {
    // The package's entry only: the shim itself imports yoga-layout's own files, bundled as usual.
    build.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: path.join(ROOT, "scripts", "yoga-layout-shim.mjs") }));
    build.onResolve({ filter: /^yoga-layout\// }, (args) => ({ path: path.join(YOGA_PKG, args.path.slice("yoga-layout/".length)) }));
    build.onLoad({ filter: /yoga-wasm-base64-esm\.js$/ }, (args) => {
      const code = fs.readFileSync(args.path, "utf8");
      const m = WASM_URL.exec(code);
      if (!m) throw new Error(`bundle: ${args.path}: expected yoga's wasm as a base64 data URL, got none`);
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(path.join(out, "yoga.wasm"), Buffer.from(m[1], "base64"));
      return { contents: code.replace(WASM_URL, '"data:application/octet-stream;base64,"'), loader: "js" };
    });
  },
};

fs.rmSync(out, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [path.join(ROOT, "dist", "bin", "chat-main.js")],
  outfile: path.join(out, "chat-main.cjs"), bundle: true, format: "cjs", platform: "node", target: "node20",
  packages: "external",
  // import.meta.url (createRequire, yoga's own script URL) is the bundle's file.
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;\nvar __import = typeof __importFromLoader === "function" ? __importFromLoader : (s) => import(s);' },
  plugins: [yogaShim, dropOldNodePreload], logLevel: "warning",
});
// A dynamic import() inside a vm.Script compiled from V8's code cache fails on Node 20
// (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING: the script's import callback is not restored with the
// cache), so every `import("pkg")` left in the bundle (the provider SDKs, diff, picomatch, ignore,
// node:crypto) goes through `__import`, which bin/bundle-loader.ts passes in: a real ES module's
// import(), same resolution (bare specifiers, from the package's node_modules).
const DYNAMIC_IMPORT = /\bimport\(("[^"]+")\)/g;
{
  const file = path.join(out, "chat-main.cjs");
  const code = fs.readFileSync(file, "utf8").replace(DYNAMIC_IMPORT, "__import($1)");
  const left = code.split("\n").filter((l) => /\bimport\(/.test(l) && !l.includes("(s) => import(s)"));
  if (left.length > 0) throw new Error(`bundle: expected every dynamic import to name a package, got: ${left[0].trim().slice(0, 200)}`);
  fs.writeFileSync(file, code);
}
// esbuild escapes non-ASCII in strings, not in comments and regular expressions. An ASCII file is
// read as a one-byte string in ~0.1 ms (bin/bundle-loader.ts); decoding 1 MB of UTF-8 takes ~10 ms.
// A \u escape means the same character in a regular expression and is inert in a comment.
const file = path.join(out, "chat-main.cjs");
const code = fs.readFileSync(file, "utf8");
// Each UTF-16 unit on its own (an astral character becomes its surrogate pair, as in a string).
const ascii = code.replace(/[^\x00-\x7f]/g, (u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, "0")}`);
fs.writeFileSync(file, ascii);
