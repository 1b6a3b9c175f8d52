// The project's files for `@` completion: walked in the background the way git sees the tree
// (every .gitignore, never .git; engine/tools/file-walker.ts), kept, and walked again when asked
// for after STALE_MS so new files show up (an unchanged tree keeps its list). Guards the list and the walk in flight.
import { walkTree } from "../tools/file-walker.js";

/** At most this many paths are listed (a huge tree stops there rather than stalling). */
export const MAX_INDEXED = 20_000;
/** A list older than this is refreshed in the background when next asked for. */
export const STALE_MS = 10_000;

/** Paths under a directory, relative, `/`-separated; directories end in `/`. */
export class FileIndex {
  private paths: string[] | undefined;
  private walking: Promise<void> | undefined;
  private walkedAt = 0;

  /** `onUpdate` runs when a walk has finished (so an open menu can be refreshed). */
  constructor(private readonly root: string, private readonly now: () => number, private readonly onUpdate: () => void) {}

  /** The paths found so far, or undefined before the first walk ends (asking starts one). */
  list(): readonly string[] | undefined {
    if (this.walking === undefined && (this.paths === undefined || this.now() - this.walkedAt >= STALE_MS)) this.walk();
    return this.paths;
  }

  /** The paths of the last walk, without starting one. */
  latest(): readonly string[] | undefined {
    return this.paths;
  }

  /** Settles when the walk in flight (if any) has finished. */
  async settled(): Promise<void> {
    await this.walking;
  }

  private walk(): void {
    const started = this.now();
    this.walking = (async () => {
      const out: string[] = [];
      try {
        for await (const e of walkTree(this.root, { cwd: this.root })) {
          out.push(e.isDir ? `${e.rel}/` : e.rel);
          if (out.length >= MAX_INDEXED) break;
        }
      } catch {
        // An unreadable root lists nothing; the walker already skips unreadable subdirectories.
      }
      // An unchanged tree keeps its list: what was built from it (the fuzzy index) stays valid.
      const changed = this.paths === undefined || !sameList(this.paths, out);
      if (changed) this.paths = out;
      this.walkedAt = started;
      this.walking = undefined;
      if (changed) this.onUpdate();
    })();
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
