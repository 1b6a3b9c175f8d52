// `--resume` / `--session` before the first frame: the session is found and its newest page shown
// with only the session store loaded; the chat loop (providers, tools, the context) loads after
// the frame and carries on from what is shown (ChatLoop.start's `shown`).
import type { Runtime } from "../kernel/runtime.js";
import type { SessionInfo } from "../session/session-records.js";
import { SessionStore } from "../session/session-store.js";
import { newestPageSize, showNewest, type ShownHistory } from "./session-history.js";

/** `--resume` / `--session ID`. */
export type ResumeFlags = { resume?: boolean; session?: string };

/** The one-line error for a `--session` that names no session. */
export function noSuchSession(ref: string): string {
  return `--session: ${JSON.stringify(ref)}: expected a session id, name or unique id prefix, got no match`;
}

/**
 * Shows the newest page of the session `--session ref` names, or of the latest one of `cwd` for
 * `--resume` (undefined when there is none); throws noSuchSession for an unknown ref.
 */
export function showResumed(rt: Runtime, home: string, cwd: string, opts: ResumeFlags): ShownHistory | undefined {
  const store = SessionStore.open(home);
  try {
    const session = lookUp(store, cwd, opts);
    return session ? showNewest(rt, store, session.id, newestPageSize(rt.height)) : undefined;
  } finally {
    store.close();
  }
}

/**
 * The session `--session ref` or `--resume` opens, found without reading its messages (bare mode
 * checks it before the terminal is taken and opens it later); throws noSuchSession for an unknown ref.
 */
export function findResumed(home: string, cwd: string, opts: ResumeFlags): SessionInfo | undefined {
  const store = SessionStore.open(home);
  try {
    return lookUp(store, cwd, opts);
  } finally {
    store.close();
  }
}

function lookUp(store: SessionStore, cwd: string, opts: ResumeFlags): SessionInfo | undefined {
  const session = opts.session !== undefined ? store.find(opts.session) : opts.resume ? store.latestForCwd(cwd) : undefined;
  if (!session && opts.session !== undefined) throw new Error(noSuchSession(opts.session));
  return session;
}
