// The extensions of one Runtime: loads every source under a unique name and answers `extension list/run`.
import { librecodeHome } from "../engine/config/load-config.js";
import type { Runtime } from "../engine/kernel/runtime.js";
import { openExtensionValues } from "../engine/session/extension-values.js";
import { discoverExtensions } from "./extension-discovery.js";
import { loadExtension, type LoadOptions } from "./extension-loader.js";
import { parseSource, pathSource, type ExtensionSource } from "./extension-manifest.js";
import type { LuaExtension, SessionContext } from "./lua-extension.js";

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

/** Loads configured extensions into one Runtime and answers what they registered. */
export class ExtensionHost {
  private readonly loaded: LuaExtension[] = [];
  private readonly sources: { raw: string; status: SourceInfo["status"]; reason: string; exts: LuaExtension[] }[] = [];
  private readonly names = new Set<string>();
  private readonly cwd: string;
  private readonly home: string;
  private contextFn: (() => SessionContext) | undefined;

  constructor(
    readonly rt: Runtime,
    private readonly opts: ExtensionHostOptions = {},
  ) {
    this.cwd = opts.cwd ?? rt.cwd;
    this.home = opts.home ?? librecodeHome();
    this.contextFn = opts.context;
    // librecode.store keeps values in the sessions database of this home (opened on first use).
    if (!rt.store.persistent) rt.store.useBackend(() => openExtensionValues(this.home));
  }

  /** Sets where event tables read `working`, `context.mode` and `context.session_id` from. */
  setContext(fn: () => SessionContext): void {
    this.contextFn = fn;
  }

  /** Loads every `extensions.use` entry in order; a bad entry is listed as failed, the rest load. */
  loadUse(use: readonly unknown[]): void {
    use.forEach((entry, i) => {
      let src: ExtensionSource;
      try {
        // Numbered from 0, as config validation numbers the same list (`extensions.use[0]`).
        src = parseSource(entry, `use[${i}]`);
      } catch (e) {
        const raw = typeof entry === "string" ? entry : JSON.stringify(entry);
        this.sources.push({ raw, status: "failed", reason: (e as Error).message, exts: [] });
        return;
      }
      this.loadSources([src]);
    });
  }

  /** Loads files or directories given on the command line (`render --extension PATH`). */
  loadPaths(paths: readonly string[]): void {
    this.loadSources(paths.map(pathSource));
  }

  private loadSources(srcs: ExtensionSource[]): void {
    for (const d of discoverExtensions(srcs, this.cwd, this.home)) {
      if (d.status === "missing") {
        this.sources.push({ raw: d.source.raw, status: "missing", reason: d.reason ?? "", exts: [] });
        continue;
      }
      const opts = { ...this.opts, context: () => this.contextFn?.() ?? {} };
      const exts = d.candidates.map((c) => loadExtension(this.rt, c, d.source.raw, (w) => this.unique(w), opts));
      this.loaded.push(...exts);
      const failed = exts.find((e) => e.status === "failed");
      this.sources.push({ raw: d.source.raw, status: failed ? "failed" : "loaded", reason: failed ? `${failed.name}: ${failed.reason}` : "", exts });
    }
  }

  private unique(wanted: string): string {
    let name = wanted;
    for (let i = 2; this.names.has(name); i++) name = `${wanted}-${i}`;
    this.names.add(name);
    return name;
  }

  /** The loaded extensions in load order (failed and disabled ones included). */
  extensions(): readonly LuaExtension[] {
    return this.loaded;
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
