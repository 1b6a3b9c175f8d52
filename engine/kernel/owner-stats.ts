// Per-owner bookkeeping for guarded callbacks: calls, failures (total and in a row, so the Lua
// layer can disable an extension that keeps failing), cumulative time (`extension list`), and
// the error de-duplication that shows a repeating error once instead of once per frame.

// process.hrtime, not the global `performance`: its first touch loads Node's perf_hooks (~2 ms of
// the first frame, where the stock chat's first guarded call is).
const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** What `extension list` shows per owner. */
export type OwnerStats = { calls: number; failures: number; consecutiveFailures: number; timeMs: number };

/** An error from a guarded callback or a load, filed under its owner. */
export type ErrorReport = { owner: string; where: string; message: string; traceback?: string };

/** The `where` of the one error reported when an extension is disabled (its message is the whole notice). */
export const DISABLED_WHERE = "disabled";

/** `extension vim-mode: key handler failed: vim.lua:212: ...` plus the traceback on the next lines. */
export function formatExtensionError(e: ErrorReport): string {
  if (e.where === DISABLED_WHERE) return e.message;
  const head = `extension ${e.owner}: ${e.where} failed: ${e.message}`;
  return e.traceback && e.traceback.startsWith("stack traceback:") ? `${head}\n${e.traceback}` : head;
}

/** The one line the chat shows for an error: the host's as `librecode: WHERE: MESSAGE`, an extension's without its traceback. */
export function errorLine(e: ErrorReport): string {
  return e.owner === "host" ? `librecode: ${e.where}: ${e.message}` : formatExtensionError(e).split("\n")[0]!;
}

/** Counts and timings per owner, plus which errors are currently repeating. */
export class OwnerLedger {
  private readonly stats = new Map<string, OwnerStats>();
  private readonly depth = new Map<string, number>();
  /** owner\0where\0site -> messages reported since that callback last succeeded. */
  private readonly repeating = new Map<string, Set<string>>();
  // Two handlers of one owner share `where` ("tick handler"); a site id per callback keeps one
  // handler's success from re-arming the other's repeating error.
  private readonly siteIds = new WeakMap<object, number>();
  private nextSite = 1;

  /** The de-duplication key of a callback site (the callback function itself, when given). */
  siteKey(owner: string, where: string, site?: object): string {
    if (!site) return `${owner}\0${where}`;
    let id = this.siteIds.get(site);
    if (id === undefined) this.siteIds.set(site, (id = this.nextSite++));
    return `${owner}\0${where}\0${id}`;
  }

  /** Marks the start of a guarded call; returns the start time when it is the owner's outermost. */
  enter(owner: string): number | undefined {
    const d = this.depth.get(owner) ?? 0;
    this.depth.set(owner, d + 1);
    this.get(owner).calls++;
    return d === 0 ? monotonicMs() : undefined;
  }

  /** Marks the end of a guarded call; only the outermost call of an owner adds time, so
   *  nested callbacks of the same owner are not counted twice. */
  leave(owner: string, started: number | undefined, ok: boolean, site: string): void {
    const d = (this.depth.get(owner) ?? 1) - 1;
    if (d === 0) this.depth.delete(owner);
    else this.depth.set(owner, d);
    const s = this.get(owner);
    if (started !== undefined) s.timeMs += monotonicMs() - started;
    if (ok) {
      s.consecutiveFailures = 0;
      if (this.repeating.size > 0) this.repeating.delete(site);
    } else {
      s.failures++;
      s.consecutiveFailures++;
    }
  }

  /** True the first time this message fails at this site since that callback last succeeded. */
  isNew(e: ErrorReport, site = this.siteKey(e.owner, e.where)): boolean {
    let seen = this.repeating.get(site);
    if (!seen) this.repeating.set(site, (seen = new Set()));
    if (seen.has(e.message)) return false;
    seen.add(e.message);
    return true;
  }

  /** The stats of owner (zeros when it never ran). */
  get(owner: string): OwnerStats {
    let s = this.stats.get(owner);
    if (!s) this.stats.set(owner, (s = { calls: 0, failures: 0, consecutiveFailures: 0, timeMs: 0 }));
    return s;
  }

  /** Every owner that ran, with its stats. */
  all(): Map<string, OwnerStats> {
    return new Map(this.stats);
  }
}

/** The report for a thrown value: its message, and a traceback (a Lua one when the thrower set
 *  `traceback`, else the JS stack). Plain objects with a string `message` count as errors. */
export function errorReport(owner: string, where: string, e: unknown): ErrorReport {
  if (typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string") {
    const { message, traceback, stack } = e as { message: string; traceback?: unknown; stack?: unknown };
    const tb = typeof traceback === "string" ? traceback : typeof stack === "string" ? stack : undefined;
    return tb === undefined ? { owner, where, message } : { owner, where, message, traceback: tb };
  }
  return { owner, where, message: String(e) };
}
