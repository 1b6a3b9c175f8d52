// The live context: the messages the model is sent and the compaction summary before them. A
// resumed session's is read from the store when first needed (or a tick after the start), so the
// first frame does not wait for it.
import type { SessionStore } from "../session/session-store.js";
import { contextFromRecords, type ContextEntry } from "./conversation.js";

/** Guards the context entries and summary of the open session, and whether they are read yet. */
export class LiveContext {
  private context: { entries: ContextEntry[]; summary: string | undefined } = { entries: [], summary: undefined };
  /** A resumed session whose context is not read yet. */
  private unreadId: string | undefined;

  constructor(private readonly store: SessionStore) {}

  /** The messages the model is sent (read from the store first after a resume). */
  get entries(): ContextEntry[] {
    return this.read().entries;
  }

  set entries(entries: ContextEntry[]) {
    this.read().entries = entries;
  }

  /** The summary the context restarts from (after a compaction). */
  get summary(): string | undefined {
    return this.read().summary;
  }

  set summary(summary: string | undefined) {
    this.read().summary = summary;
  }

  /** True while a resumed session's context waits to be read. */
  get unread(): boolean {
    return this.unreadId !== undefined;
  }

  /** True while the context of session `id` waits to be read. */
  unreadFor(id: string): boolean {
    return this.unreadId === id;
  }

  /** Session `id` was resumed: its context is read when first needed. */
  resume(id: string): void {
    this.unreadId = id;
  }

  /** Empties it: another session opens. */
  clear(): void {
    this.unreadId = undefined;
    this.context = { entries: [], summary: undefined };
  }

  /** Reads a resumed session's context now, if it is not read yet. */
  read(): { entries: ContextEntry[]; summary: string | undefined } {
    const id = this.unreadId;
    if (id !== undefined) {
      this.unreadId = undefined;
      const { entries, summary } = contextFromRecords(this.store.loadContext(id));
      this.context = { entries, summary };
    }
    return this.context;
  }
}
