// Runs the start-up bundle (dist/bundle/chat-main.cjs, scripts/bundle.mjs) with V8's code cache,
// what Node 20 does not do for any module by itself: the bundle is compiled through vm.Script with
// the bytecode the previous start produced, so the functions that start-up runs are not parsed and
// compiled again (~1 MB of JavaScript). After the first frame, a start that had no usable cache
// (the first one, a new bundle, another Node) stores the bytecode compiled so far, which is the
// start-up's. The cache lives next to the bundle (a rebuild deletes it with the directory), or in
// the temp directory when the package's directory is read-only; a header (Node version, arch, the
// bundle's size and mtime) and V8's own checks reject a cache that does not match.
import { createRequire } from "node:module";

// Builtins through require, as in bin/librecode: importing node:fs as an ES module reads all of
// its exports, which loads fs's streams (~3 ms of the start).
const require = createRequire(import.meta.url);
const { isAscii } = require("node:buffer") as typeof import("node:buffer");
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs") as typeof import("node:fs");
const { tmpdir } = require("node:os") as typeof import("node:os");
const { dirname, join } = require("node:path") as typeof import("node:path");
const vm = require("node:vm") as typeof import("node:vm");

type ChatEntry = { chatMain: (afterFirstFrame?: () => void) => Promise<void> };

/** The two places a bundle's cache may be: next to it, then in the temp directory. */
export function cacheFiles(bundle: string): string[] {
  let h = 0;
  for (let i = 0; i < bundle.length; i++) h = (Math.imul(h, 31) + bundle.charCodeAt(i)) | 0;
  const uid = process.getuid?.() ?? "user";
  return [`${bundle}.cache`, join(tmpdir(), `librecode-${uid}`, `code-cache-${(h >>> 0).toString(36)}.bin`)];
}

/** What a cache for this bundle and this Node starts with. */
function cacheHeader(bundle: string): Buffer {
  const st = statSync(bundle);
  return Buffer.from(`librecode code cache 1 ${process.version} ${process.arch} ${st.size} ${st.mtimeMs}\n`);
}

/** The stored bytecode for this bundle and Node, or undefined. */
function readCache(files: string[], header: Buffer): Buffer | undefined {
  for (const file of files) {
    try {
      const data = readFileSync(file);
      if (data.subarray(0, header.length).equals(header)) return data.subarray(header.length);
    } catch {
      // not there: the next place
    }
  }
  return undefined;
}

/** Writes the cache to the first place that takes it (write then rename: a reader never sees half). */
function writeCache(files: string[], header: Buffer, data: Buffer): void {
  for (const file of files) {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.concat([header, data]));
      renameSync(tmp, file);
      return;
    } catch {
      // read-only: the next place
    }
  }
}

/** True when this Node can run the bundle: require() of ES modules and import() from vm.Script. */
export function canRunBundle(): boolean {
  const features = process.features as { require_module?: boolean };
  return features.require_module === true && vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER !== undefined;
}

/**
 * Loads the bundle as a CommonJS module (with its code cache when one matches) and returns its
 * exports and whether the cache was used. `save()` stores the bytecode compiled so far when the
 * cache was missing or rejected (at most once). Throws when the bundle cannot be read or compiled.
 */
export function loadBundle(bundle: string): { exports: unknown; cached: boolean; save: () => void } {
  // Read as one-byte text when it is ASCII (scripts/bundle.mjs makes it so): UTF-8 decoding of the
  // ~1 MB costs ~10 ms, latin1 a copy.
  const bytes = readFileSync(bundle);
  const source = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
  const files = cacheFiles(bundle);
  const header = cacheHeader(bundle);
  const cachedData = readCache(files, header);
  // The wrapper CommonJS gives a module, on the bundle's first line so its line numbers hold.
  // __importFromLoader: the bundle's dynamic imports, done by this real ES module (from a code
  // cache, the script's own import() has no callback on Node 20; scripts/bundle.mjs).
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __importFromLoader) {${source}\n})`, {
    filename: bundle, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    ...(cachedData ? { cachedData } : {}),
  });
  const cached = cachedData !== undefined && !script.cachedDataRejected;
  const mod = { exports: {} as unknown };
  const importer = (specifier: string): Promise<unknown> => import(specifier);
  (script.runInThisContext() as (...args: unknown[]) => void)(mod.exports, createRequire(bundle), mod, bundle, dirname(bundle), importer);
  let saved = cached;
  const save = () => {
    if (saved) return;
    saved = true;
    writeCache(files, header, script.createCachedData());
  };
  return { exports: mod.exports, cached, save };
}

/** Runs the chat from the bundle; its code cache is stored after the first frame when it was missing. */
export function runBundledChat(bundle: string): Promise<void> {
  const { exports, save } = loadBundle(bundle);
  return (exports as ChatEntry).chatMain(save);
}
