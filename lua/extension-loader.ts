// Loading one extension: its own Lua state, the manifest, the librecode module, then the entry chunk.
import fs from "node:fs";
import path from "node:path";
import fengari from "fengari";
import type { Runtime } from "../engine/kernel/runtime.js";
import type { ExtensionCandidate } from "./extension-discovery.js";
import { parseManifest, type Manifest } from "./extension-manifest.js";
import type { BudgetOptions } from "./instruction-budget.js";
import { API_VERSION, installModule } from "./librecode-module.js";
import { callLua, loadChunk, LuaError } from "./lua-call.js";
import { LuaExtension, type SessionContext } from "./lua-extension.js";
import { createLuaState } from "./lua-state.js";
import { luaString, refFunction, LuaFunctionRef } from "./lua-value.js";

const { lua } = fengari;

/** Options for loading one extension. */
export type LoadOptions = BudgetOptions & {
  onLog?: (ext: LuaExtension, msg: string) => void; context?: () => SessionContext;
  /** Config `extensions.settings`: each extension's table under its name. */
  settings?: Record<string, Record<string, unknown>>;
};

function chunkRef(ext: LuaExtension, file: string): LuaFunctionRef {
  const source = fs.readFileSync(file, "utf8");
  loadChunk(ext.L, source, path.relative(ext.root, file) || path.basename(file));
  const ref = refFunction(ext.L, -1);
  lua.lua_pop(ext.L, 1);
  return ref;
}

function markFailed(ext: LuaExtension, reason: string): void {
  ext.status = "failed";
  ext.reason = reason;
  ext.dispose();
}

/** Marks the extension failed and reports `e` (a LuaError keeps its traceback). */
function failLoad(ext: LuaExtension, e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  markFailed(ext, message);
  ext.rt.reportError({ owner: ext.name, where: "load", message, traceback: e instanceof LuaError ? e.traceback : undefined });
}

/** The `api_version` the original librecode's manifests name. */
const UPSTREAM_API_VERSION = "v1alpha1";

// The manifest runs in the extension's own state (the module is there already, in case an
// init.lua written for the original requires it, but a manifest should only describe).
function readManifest(ext: LuaExtension, file: string, fallback: string): Manifest {
  const fn = chunkRef(ext, file);
  try {
    const [table] = ext.budget.run(() => callLua(ext.L, () => fn.push(), []));
    const m = parseManifest(table, fallback);
    // "v1alpha1" is the original's API, which this one implements (its extensions run unchanged).
    if (m.apiVersion !== "" && m.apiVersion !== String(API_VERSION) && m.apiVersion !== UPSTREAM_API_VERSION) {
      throw new Error(`manifest: init.lua: api_version: expected ${API_VERSION} (the API this librecode provides), got ${JSON.stringify(m.apiVersion)}`);
    }
    return m;
  } finally {
    fn.release();
  }
}

/** Runs a directory extension's init.lua in a fresh state (nothing else): the manifest's problem, or undefined. */
export function manifestProblem(rt: Runtime, c: ExtensionCandidate): string | undefined {
  if (c.kind !== "manifest") return undefined;
  const ext = new LuaExtension(c.name, rt, createLuaState(c.root), c.root, c.file, "doctor", {});
  installModule(ext);
  lua.lua_pop(ext.L, 1);
  try {
    const m = readManifest(ext, c.file, c.name);
    if (!fs.existsSync(path.join(c.root, m.entry))) return `manifest: init.lua: entry: ${m.entry} not found in ${c.root}`;
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Loads one discovered extension into its own Lua state: reads the manifest (for a directory
 * with init.lua), installs `librecode`, runs the entry chunk in a guarded transaction and, when
 * it returns a function, calls it with the module. A failure leaves the extension `failed` with
 * the reason and removes whatever it had registered; other extensions are untouched.
 */
export function loadExtension(rt: Runtime, c: ExtensionCandidate, source: string, unique: (wanted: string) => string,
  opts: LoadOptions = {}): LuaExtension {
  const L = createLuaState(c.root);
  const ext = new LuaExtension(c.name, rt, L, c.root, c.file, source, opts);
  ext.onLog = opts.onLog;
  if (opts.context) ext.context = opts.context;
  if (opts.settings) ext.settings = opts.settings;
  installModule(ext);
  lua.lua_pop(L, 1);
  let entry = c.file;
  if (c.kind === "manifest") {
    try {
      ext.manifest = readManifest(ext, c.file, c.name);
    } catch (e) {
      ext.name = unique(c.name);
      failLoad(ext, e);
      return ext;
    }
    ext.name = unique(ext.manifest.name);
    entry = path.join(c.root, ext.manifest.entry);
    if (!fs.existsSync(entry)) {
      failLoad(ext, `manifest: init.lua: entry: ${ext.manifest.entry} not found in ${c.root}`);
      return ext;
    }
  }
  if (c.kind === "file") ext.name = unique(c.name);
  let fn: LuaFunctionRef;
  try {
    fn = chunkRef(ext, entry);
  } catch (e) {
    failLoad(ext, e);
    return ext;
  }
  const r = rt.guard(ext.name, "load", () => {
    const [ret] = ext.call(fn, []);
    if (ret instanceof LuaFunctionRef) {
      lua.lua_getglobal(L, luaString("librecode"));
      const mod = refFunction(L, -1);
      lua.lua_pop(L, 1);
      try {
        ext.call(ret, [mod]);
      } finally {
        mod.release();
        ret.release();
      }
    }
  });
  fn.release();
  // The guard has reported the error already.
  if (!r.ok && ext.status === "loaded") markFailed(ext, r.error.message);
  return ext;
}
