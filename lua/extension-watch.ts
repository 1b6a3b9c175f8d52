// `extensions.watch: true`: the directories of the `path:` sources watched with fs.watch. A burst of
// events (an editor's write, rename and chmod of one save) reloads what it touched once, after a
// short quiet spell; only `.lua` files count (swap and backup files do not).
import fs from "node:fs";
import path from "node:path";
import type { ExtensionHost, ReloadResult } from "./extension-host.js";

/** Quiet time after the last change before the reload runs. */
export const WATCH_DEBOUNCE_MS = 100;

export type WatchOptions = {
  debounceMs?: number;
  /** Called after each reload that touched an extension (the chat shows formatReload of it). */
  onReload?: (results: ReloadResult[]) => void;
};

/** Watches an ExtensionHost's `path:` sources and reloads the extensions whose files change. */
export class ExtensionWatcher {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly host: ExtensionHost, private readonly opts: WatchOptions = {}) {
    this.sync();
  }

  /** The directories being watched. */
  dirs(): string[] {
    return [...this.watchers.keys()];
  }

  /** Stops watching; a pending reload is dropped. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  // Watches every target not watched yet (a reload may have made a source directory appear).
  private sync(): void {
    for (const t of this.host.watchTargets()) {
      if (this.watchers.has(t.dir)) continue;
      try {
        // Not persistent: watching alone never keeps the process alive.
        const w = fs.watch(t.dir, { recursive: t.recursive, persistent: false }, (_event, name) => this.changed(t.dir, name));
        w.on("error", () => {
          w.close();
          this.watchers.delete(t.dir);
        });
        this.watchers.set(t.dir, w);
      } catch {
        // Gone between discovery and watch: the next sync tries again.
      }
    }
  }

  private changed(dir: string, name: string | Buffer | null): void {
    if (this.closed) return;
    // No name: something in dir changed, so everything below it counts.
    const file = name === null ? dir : path.join(dir, name.toString());
    if (name !== null && !file.endsWith(".lua")) return;
    this.pending.add(file);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.opts.debounceMs ?? WATCH_DEBOUNCE_MS);
  }

  private flush(): void {
    const files = [...this.pending];
    this.pending.clear();
    if (this.closed || files.length === 0) return;
    let results: ReloadResult[];
    try {
      results = this.host.reloadFiles(files);
    } catch (e) {
      // Runs outside any callback: a host bug here must not end the chat.
      this.host.rt.reportError({ owner: "host", where: "reload", message: e instanceof Error ? e.message : String(e) });
      return;
    }
    this.sync();
    if (results.length > 0) this.opts.onReload?.(results);
  }
}
