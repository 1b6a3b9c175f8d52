// `librecode session list | show ID | new [NAME]`.
import { librecodeHome } from "../engine/config/index.js";
import { formatSessionList, formatSessionShow, SessionStore } from "../engine/session/index.js";
import { fail, printLines } from "./cli-output.js";

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
  withStore((s) => printLines(formatSessionList(s.list())));
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
