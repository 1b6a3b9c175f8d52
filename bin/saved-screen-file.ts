// `<home>/screens/<session>.json`: the transcript's newest screenful as the chat last drew it, so
// `librecode --resume` paints its first frame without loading marked or highlight.js. A cache:
// written when the chat ends, read before the first frame of a resume, never required (a missing,
// stale or corrupt file means the blocks render as usual).
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkSavedScreen, type SavedScreen } from "../ui/renderers/saved-screen.js";

/** Screens kept: the most recently written ones (one per session). */
export const SAVED_SCREENS = 32;

const dirOf = (home: string): string => join(home, "screens");
// Session ids are the store's own (hex and dashes); anything else is not a file name here.
const fileOf = (home: string, sessionId: string): string | undefined =>
  /^[A-Za-z0-9_-]{1,128}$/.test(sessionId) ? join(dirOf(home), `${sessionId}.json`) : undefined;

let build: string | undefined;

/**
 * The running build's identity: this Node, the size and time of the code this module was loaded
 * from (the start-up bundle, or dist/ when unbundled; every build rewrites both) and of npm's
 * record of the installed packages (marked and highlight.js load from there), so a screen drawn by
 * another renderer is never shown. Taken once, at the first call: the chat calls it at start, so
 * a rebuild while it runs does not relabel what the old code drew.
 */
export function screenBuild(): string {
  if (build !== undefined) return build;
  const stamp = (url: URL): string => {
    try {
      const st = statSync(fileURLToPath(url));
      return `${st.size}:${st.mtimeMs}`;
    } catch {
      return "none";
    }
  };
  build = `${process.version} ${stamp(new URL(import.meta.url))} ${stamp(new URL("../../node_modules/.package-lock.json", import.meta.url))}`;
  return build;
}

/** The screen saved for a session by this build, or undefined (none, another build's, unreadable). */
export function readSavedScreen(home: string, sessionId: string): SavedScreen | undefined {
  const file = fileOf(home, sessionId);
  if (file === undefined) return undefined;
  try {
    return checkSavedScreen(JSON.parse(readFileSync(file, "utf8")), screenBuild()) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Writes a session's screen (atomically: a crash leaves the old file or none), keeping the newest SAVED_SCREENS. */
export function writeSavedScreen(home: string, sessionId: string, screen: SavedScreen): void {
  const file = fileOf(home, sessionId);
  if (file === undefined) return;
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    // Private like the session store: the lines are the conversation's text.
    mkdirSync(dirOf(home), { recursive: true, mode: 0o700 });
    writeFileSync(tmp, JSON.stringify(screen), { mode: 0o600 });
    renameSync(tmp, file);
    prune(dirOf(home));
  } catch {
    // A cache: a read-only or full disk costs the next resume some milliseconds, nothing else.
    try { unlinkSync(tmp); } catch { /* never written */ }
  }
}

// Another librecode may prune at the same time: a file gone under us is simply skipped.
function prune(dir: string): void {
  const files: { path: string; mtime: number }[] = [];
  for (const f of readdirSync(dir)) {
    if (!f.endsWith(".json")) continue;
    try {
      files.push({ path: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs });
    } catch { /* removed meanwhile */ }
  }
  if (files.length <= SAVED_SCREENS) return;
  files.sort((a, b) => b.mtime - a.mtime);
  for (const f of files.slice(SAVED_SCREENS)) {
    try { unlinkSync(f.path); } catch { /* removed meanwhile */ }
  }
}
