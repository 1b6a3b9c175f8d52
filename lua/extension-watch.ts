// `extensions.watch: true`: the directories of the `path:` sources watched with fs.watch. A burst of
// events (an editor's write, rename and chmod of one save) reloads what it touched once, after a
// short quiet spell; only `.lua` files count (swap and backup files do not).
// Every directory gets its own non-recursive watch, subdirectories walked here: Node 20's
// `recursive` on Linux watches each file's inode, so a save that renames a new file over the old
// one (`sed -i`, vim) was seen once and then never again. A directory watch sees every name in it.
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

  // Watches every target directory (and, for a recursive one, each directory below it) not watched
  // yet: a reload or a new subdirectory may have made one appear.
  private sync(): void {
    for (const t of this.host.watchTargets()) {
      for (const dir of t.recursive ? walk(t.dir) : [t.dir]) this.watch(dir, t.recursive);
    }
  }

  private watch(dir: string, recursive: boolean): void {
    if (this.watchers.has(dir)) return;
    try {
      // Not persistent: watching alone never keeps the process alive.
      const w = fs.watch(dir, { persistent: false }, (_event, name) => this.changed(dir, name, recursive));
      // A deleted directory's watch errors or just ends: either way it is dropped.
      const drop = () => {
        w.close();
        if (this.watchers.get(dir) === w) this.watchers.delete(dir);
      };
      w.on("error", drop);
      w.on("close", drop);
      this.watchers.set(dir, w);
    } catch {
      // Gone between discovery and watch: the next sync tries again.
    }
  }

  private changed(dir: string, name: string | Buffer | null, recursive: boolean): void {
    if (this.closed) return;
    // No name: something in dir changed, so everything below it counts.
    const file = name === null ? dir : path.join(dir, name.toString());
    if (name !== null && !file.endsWith(".lua")) {
      // A directory made below a recursive target holds files to watch too.
      if (recursive && isDir(file)) for (const d of walk(file)) this.watch(d, true);
      return;
    }
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

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

// dir and every directory below it, skipping hidden ones (.git and the like hold no extensions).
function walk(dir: string): string[] {
  const out = [dir];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.isDirectory() && !e.name.startsWith(".")) out.push(...walk(path.join(dir, e.name)));
  }
  return out;
}
