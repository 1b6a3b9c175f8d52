// The extensions of one Runtime: loads every source under a unique name, answers `extension list/run`
// and reloads them (`/reload`, the file watcher).
import path from "node:path";
import { librecodeHome } from "../engine/config/load-config.js";
import type { Runtime } from "../engine/kernel/runtime.js";
import { openExtensionValues } from "../engine/session/extension-values.js";
import { discoverExtensions, type DiscoveredSource, type ExtensionCandidate } from "./extension-discovery.js";
import { loadExtension, type LoadOptions } from "./extension-loader.js";
import { parseSource, pathSource, type ExtensionSource } from "./extension-manifest.js";
import type { LuaExtension, SessionContext } from "./lua-extension.js";
import { statusContext } from "./event-table.js";

/** Where the host looks for things and how long a callback may run. */
export type ExtensionHostOptions = LoadOptions & { cwd?: string; home?: string };

/** One extension in `librecode extension list`. */
export type ExtensionInfo = {
  name: string; file: string; status: "loaded" | "failed" | "disabled"; reason: string;
  commands: string[]; tools: string[]; keymaps: { target: string; lhs: string; desc: string }[];
  handlers: { event: string; priority: number }[]; timers: number; luaMs: number; calls: number; failures: number;
};

/** One `use` entry in `librecode extension list`. */
export type SourceInfo = { source: string; status: "loaded" | "missing" | "failed"; reason: string; extensions: ExtensionInfo[] };

/** The result of running an extension command. */
export type CommandRun = { ok: true; output: string } | { ok: false; error: string };

export { formatExtensionError } from "../engine/kernel/owner-stats.js";

/** What a reload did to one extension: `reloaded` in a fresh state, `added` (a new file), `removed` (its file is gone). */
export type ReloadResult = { name: string; change: "reloaded" | "added" | "removed"; ok: boolean; error: string };

type SourceRecord = { raw: string; src?: ExtensionSource; status: SourceInfo["status"]; reason: string; exts: LuaExtension[] };

/** Loads configured extensions into one Runtime, answers what they registered, and reloads them. */
export class ExtensionHost {
  private readonly sources: SourceRecord[] = [];
  private readonly names = new Set<string>();
  /** Where each extension was found (a reload loads the same candidate again). */
  private readonly found = new Map<LuaExtension, ExtensionCandidate>();
  private readonly cwd: string;
  private readonly home: string;
  private contextFn: (() => SessionContext) | undefined;

  constructor(
    readonly rt: Runtime,
    private readonly opts: ExtensionHostOptions = {},
  ) {
    this.cwd = opts.cwd ?? rt.cwd;
    this.home = opts.home ?? librecodeHome();
    this.contextFn = opts.context ?? (() => statusContext(rt));
    // librecode.store keeps values in the sessions database of this home (opened on first use).
    if (!rt.store.persistent) rt.store.useBackend(() => openExtensionValues(this.home));
  }

  /** Sets where event tables read `working`, `context.mode`, `context.session_id` and `context.compacting`
   *  from (by default the status buffer's metadata, as the chat loop keeps it: statusContext). */
  setContext(fn: () => SessionContext): void {
    this.contextFn = fn;
  }

  /** Loads every `extensions.use` entry in order; a bad entry is listed as failed, the rest load.
   *  Entries are discovered together, so files two entries reach (the same source listed twice,
   *  with and without a version) load once, at the first. */
  loadUse(use: readonly unknown[]): void {
    const parsed = use.map((entry, i): ExtensionSource | SourceRecord => {
      try {
        // Numbered from 0, as config validation numbers the same list (`extensions.use[0]`).
        return parseSource(entry, `use[${i}]`);
      } catch (e) {
        const raw = typeof entry === "string" ? entry : JSON.stringify(entry);
        return { raw, status: "failed", reason: (e as Error).message, exts: [] };
      }
    });
    const srcs = parsed.filter((p): p is ExtensionSource => "scheme" in p);
    const found = discoverExtensions(srcs, this.cwd, this.home);
    let k = 0;
    for (const p of parsed) {
      if ("scheme" in p) this.loadFound(p, found[k++]!);
      else this.sources.push(p);
    }
  }

  /** Loads files or directories given on the command line (`render --extension PATH`). */
  loadPaths(paths: readonly string[]): void {
    const srcs = paths.map(pathSource);
    discoverExtensions(srcs, this.cwd, this.home).forEach((d, i) => this.loadFound(srcs[i]!, d));
  }

  private loadFound(src: ExtensionSource, d: DiscoveredSource): void {
    const rec: SourceRecord = { raw: d.source.raw, src, status: "loaded", reason: "", exts: [] };
    this.sources.push(rec);
    rec.exts = d.candidates.map((c) => this.load(c, rec.raw));
    this.settle(rec, d);
  }

  private load(c: ExtensionCandidate, source: string): LuaExtension {
    const opts = { ...this.opts, context: () => this.contextFn?.() ?? {} };
    const ext = loadExtension(this.rt, c, source, (w) => this.unique(w), opts);
    this.found.set(ext, c);
    return ext;
  }

  // A source's status from what it resolved to and how its extensions loaded.
  private settle(rec: SourceRecord, d: Pick<DiscoveredSource, "status" | "reason">): void {
    const failed = rec.exts.find((e) => e.status === "failed");
    if (d.status === "missing") Object.assign(rec, { status: "missing", reason: d.reason ?? "" });
    else Object.assign(rec, failed ? { status: "failed", reason: `${failed.name}: ${failed.reason}` } : { status: "loaded", reason: "" });
  }

  private unique(wanted: string): string {
    let name = wanted;
    for (let i = 2; this.names.has(name); i++) name = `${wanted}-${i}`;
    this.names.add(name);
    return name;
  }

  /** The loaded extensions in load order (failed and disabled ones included). */
  extensions(): readonly LuaExtension[] {
    return this.sources.flatMap((s) => s.exts);
  }

  /** The directories of the `path:` sources, for a watcher: the source itself, or a file's directory. */
  watchTargets(): { dir: string; recursive: boolean }[] {
    const out = new Map<string, boolean>();
    for (const d of this.rediscover()) {
      if (d.source.scheme !== "path" || d.status !== "found") continue;
      const single = d.candidates.length === 1 && d.candidates[0]!.file === d.dir;
      const dir = single ? path.dirname(d.dir) : d.dir;
      out.set(dir, (out.get(dir) ?? false) || !single);
    }
    return [...out].map(([dir, recursive]) => ({ dir, recursive }));
  }

  /**
   * Reloads one extension by name, or every one (then files added to a source load and removed
   * ones unload): its handlers, keymaps, commands, tools, timers, jobs and draw operations go, a
   * fresh Lua state runs its files again and gets `startup`. Buffers, windows, the conversation and
   * the session stay. A failed load leaves it `failed` with the error reported.
   */
  reload(name?: string): ReloadResult[] {
    if (name === undefined) return this.refresh(() => true);
    const ext = this.extensions().find((e) => e.name === name);
    if (ext === undefined) {
      const known = this.extensions().map((e) => e.name);
      // No `reload:` here: the command line's failure already starts with `/reload:`.
      throw new Error(`${name}: expected the name of a loaded extension (${known.length > 0 ? known.join(", ") : "none is loaded"}), got no match`);
    }
    return this.rt.inTransaction(() => [result(this.replace(ext, this.found.get(ext)!), "reloaded")]);
  }

  /**
   * Reloads the extensions that changed files belong to (anything below a directory extension's
   * root; a single-file extension's file, or a module beside it; a directory: all below it), loads
   * new files and unloads removed ones. What the file watcher calls.
   */
  reloadFiles(files: readonly string[]): ReloadResult[] {
    const abs = files.map((f) => path.resolve(f));
    // A new extension file is an extension of its own, not a module of its neighbours.
    const entries = new Set([...this.extensions().map((e) => this.found.get(e)!.file), ...this.rediscover().flatMap((d) => d.candidates.map((c) => c.file))]);
    const touched = (e: LuaExtension): boolean => {
      const c = this.found.get(e)!;
      return abs.some((f) => f === c.file || c.file.startsWith(f + path.sep) ||
        (c.kind === "manifest" ? f.startsWith(c.root + path.sep) : path.dirname(f) === c.root && !entries.has(f)));
    };
    return this.refresh(touched);
  }

  // Each source on its own, as loadUse loaded them.
  private rediscover(): DiscoveredSource[] {
    return this.sources.filter((r) => r.src !== undefined).map((r) => discoverExtensions([r.src!], this.cwd, this.home)[0]!);
  }

  // Discovers every source again: touched extensions reload, new candidates load, vanished ones unload.
  private refresh(touched: (e: LuaExtension) => boolean): ReloadResult[] {
    return this.rt.inTransaction(() => {
      const out: ReloadResult[] = [];
      const recs = this.sources.filter((r) => r.src !== undefined);
      this.rediscover().forEach((d, i) => {
        const rec = recs[i]!;
        const next: LuaExtension[] = [];
        for (const c of d.candidates) {
          const old = rec.exts.find((e) => this.found.get(e)!.file === c.file);
          if (old !== undefined && !touched(old)) {
            next.push(old);
            continue;
          }
          const ext = old !== undefined ? this.replace(old, c) : this.start(this.load(c, rec.raw));
          out.push(result(ext, old !== undefined ? "reloaded" : "added"));
          next.push(ext);
        }
        // replace() put each reloaded extension in its old one's place: what is left is gone from disk.
        for (const old of rec.exts) {
          if (next.includes(old)) continue;
          this.unload(old);
          out.push({ name: old.name, change: "removed", ok: true, error: "" });
        }
        rec.exts = next;
        this.settle(rec, d);
      });
      return out;
    });
  }

  // Tears old down and loads its candidate again in a fresh state, in old's place.
  private replace(old: LuaExtension, c: ExtensionCandidate): LuaExtension {
    this.unload(old);
    const ext = this.load(c, old.source);
    for (const rec of this.sources) {
      const at = rec.exts.indexOf(old);
      if (at < 0) continue;
      rec.exts[at] = ext;
      this.settle(rec, { status: "found" });
    }
    return this.start(ext);
  }

  // Its `startup` handlers run as they did when the app started; other extensions' do not.
  private start(ext: LuaExtension): LuaExtension {
    if (ext.status === "loaded") this.rt.emitTo(ext.name, "startup", { width: this.rt.width, height: this.rt.height });
    return ext;
  }

  private unload(old: LuaExtension): void {
    old.dispose();
    // A job or timer callback still queued for the old state finds it off and does nothing.
    old.status = "disabled";
    old.reason = "reloaded";
    this.names.delete(old.name);
    this.found.delete(old);
  }

  /** What `librecode extension list` shows: sources, statuses and per-extension registrations. */
  list(): SourceInfo[] {
    return this.sources.map((s) => ({ source: s.raw, status: s.status, reason: s.reason, extensions: s.exts.map((e) => this.info(e)) }));
  }

  private info(e: LuaExtension): ExtensionInfo {
    const rt = this.rt;
    const stats = rt.ownerStats(e.name);
    return {
      name: e.name, file: e.file, status: e.status, reason: e.reason,
      commands: rt.commands.list().filter((c) => c.owner === e.name).map((c) => c.name),
      tools: rt.tools.list().filter((t) => t.owner === e.name).map((t) => t.name),
      keymaps: rt.keymaps.list().filter((k) => k.owner === e.name).map((k) => ({ target: k.targetKey, lhs: k.lhs, desc: k.desc })),
      handlers: rt.events.list().filter((h) => h.owner === e.name).map((h) => ({ event: h.name, priority: h.priority })),
      timers: rt.scheduler.live(e.name).length,
      luaMs: e.budget.totalMs, calls: stats.calls, failures: stats.failures,
    };
  }

  /** Runs a command (`librecode extension run NAME ARGS`, `/name args`); errors come back, not thrown. */
  async runCommand(name: string, args = ""): Promise<CommandRun> {
    const o = await this.rt.commands.run(`/${name} ${args}`, (owner, where, fn) => this.rt.guard(owner, where, fn));
    if (o === undefined || (!o.ok && o.unknown)) {
      return { ok: false, error: `extension run: ${name}: no such command (known: ${this.rt.commands.list().map((c) => c.name).join(", ")})` };
    }
    return o.ok ? { ok: true, output: o.output } : { ok: false, error: `extension run: ${name}: ${o.error}` };
  }
}

function result(ext: LuaExtension, change: ReloadResult["change"]): ReloadResult {
  return { name: ext.name, change, ok: ext.status === "loaded", error: ext.status === "loaded" ? "" : ext.reason };
}
