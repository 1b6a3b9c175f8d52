// `librecode session list | show ID | new [NAME]`.
import { librecodeHome } from "../engine/config/index.js";
import { formatSessionShow, sessionListRows, formatSessionTree, SessionStore, treeOf } from "../engine/session/index.js";
import { fail, printLines } from "./cli-output.js";
import { printRows } from "./cli-style.js";

function withStore<T>(fn: (store: SessionStore) => T): T {
  const store = SessionStore.open(librecodeHome());
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** Every session, newest first. */
export function runSessionList(): void {
  withStore((s) => printRows(sessionListRows(s.list())));
}

/** One session's messages; an unknown id (or name, or unique prefix) exits 2. */
export function runSessionShow(ref: string): void {
  withStore((s) => {
    const session = s.find(ref);
    if (!session) return fail("session show", `no session matches "${ref}"`, 2);
    printLines(formatSessionShow(session, s.loadMessages(session.id)));
  });
}

/** Creates a session for this directory and prints its id. */
export function runSessionNew(name?: string): void {
  withStore((s) => printLines([s.create({ cwd: process.cwd(), ...(name ? { name } : {}) }).id]));
}

/** Forks a session (all of it, or through message seq N) and prints the new id. */
export function runSessionFork(ref: string, opts: { at?: string; name?: string }): void {
  withStore((s) => {
    const session = s.find(ref);
    if (!session) return fail("session fork", `no session matches "${ref}"`, 2);
    let throughSeq: number | undefined;
    if (opts.at !== undefined) {
      throughSeq = Number(opts.at);
      if (!Number.isInteger(throughSeq) || throughSeq < 0 || throughSeq > session.messageCount) {
        return fail("session fork", `--at: expected a message number from 0 to ${session.messageCount}, got "${opts.at}"`, 2);
      }
    }
    printLines([s.fork(session.id, { ...(throughSeq !== undefined ? { throughSeq } : {}), ...(opts.name ? { name: opts.name } : {}) }).id]);
  });
}

/** The fork tree holding ID, or every tree of this directory. */
export function runSessionTree(ref?: string): void {
  withStore((s) => {
    if (ref === undefined) return printLines(formatSessionTree(s.list({ cwd: process.cwd() })));
    const session = s.find(ref);
    if (!session) return fail("session tree", `no session matches "${ref}"`, 2);
    printLines(formatSessionTree(treeOf(s.list(), session.id), session.id));
  });
}

/** Names a session (an empty name clears it). */
export function runSessionRename(ref: string, name: string): void {
  withStore((s) => {
    const session = s.find(ref);
    if (!session) return fail("session rename", `no session matches "${ref}"`, 2);
    s.rename(session.id, name);
    printLines([`${session.id} ${name === "" ? "unnamed" : `named "${name}"`}`]);
  });
}

/** Deletes a session and its messages (its forks stay). */
export function runSessionDelete(ref: string): void {
  withStore((s) => {
    const session = s.find(ref);
    if (!session) return fail("session delete", `no session matches "${ref}"`, 2);
    s.delete(session.id);
    printLines([`deleted ${session.id}`]);
  });
}
