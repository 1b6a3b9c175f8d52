// A resumed session in the transcript, newest first: the newest page is shown at once (the first
// frame needs no more), older pages are put above it afterwards, one per timer tick, so resuming
// 10,000 messages costs the first frame what a screenful does and the rest never blocks a key.
import type { Block } from "../kernel/block.js";
import type { Runtime } from "../kernel/runtime.js";
import type { SessionStore } from "../session/session-store.js";
import { showSession, type BlockSink } from "./session-view.js";

const TRANSCRIPT = "transcript";

/** Messages in each older page (one commit, so one frame, each). */
export const OLDER_PAGE = 250;

/**
 * What of a stored session the transcript shows: messages from seq `fromSeq` on, the oldest shown
 * as block `anchorId` (undefined when they made no block); `complete` once nothing older is left.
 */
export type ShownHistory = { sessionId: string; fromSeq: number; anchorId: string | undefined; complete: boolean };

/** Messages in the newest page: enough to fill a screen of `rows` rows twice over. */
export function newestPageSize(rows: number): number {
  return Math.max(50, 2 * rows);
}

/** Appends the newest `limit` messages of a session to the transcript in one commit; returns what it shows. */
export function showNewest(rt: Runtime, store: SessionStore, sessionId: string, limit: number): ShownHistory {
  const records = store.loadPage(sessionId, undefined, limit);
  let anchorId: string | undefined;
  rt.guard("host", "session load", () => {
    const before = rt.buffers.get(TRANSCRIPT)?.blocks.length ?? 0;
    showSession(appender(rt), records);
    anchorId = rt.buffers.get(TRANSCRIPT)?.blocks[before]?.id;
  });
  return { sessionId, fromSeq: records[0]?.seq ?? 0, anchorId, complete: records.length < limit };
}

/** Guards the loading of a shown session's older pages: where they go and the pending timer. */
export class SessionHistory {
  private timer: number | undefined;

  constructor(private readonly rt: Runtime, private readonly store: SessionStore, private readonly shown: ShownHistory) {}

  /** True once every stored message is in the transcript (or loading stopped). */
  get complete(): boolean {
    return this.shown.complete;
  }

  /**
   * Puts the page of messages before the oldest shown one above it, in one commit. False when
   * nothing older is left, or the shown blocks are gone (the transcript was cleared): loading stops.
   */
  loadOlder(limit = OLDER_PAGE): boolean {
    const s = this.shown;
    if (s.complete) return false;
    const records = this.store.loadPage(s.sessionId, s.fromSeq, limit);
    const list: Partial<Block>[] = [];
    showSession(collector(list), records);
    let placed = records.length > 0;
    if (placed) {
      this.rt.guard("host", "session load", () => {
        const blocks = this.rt.buffers.get(TRANSCRIPT)?.blocks ?? [];
        const at = s.anchorId === undefined ? 0 : blocks[0]?.id === s.anchorId ? 0 : blocks.findIndex((b) => b.id === s.anchorId);
        if (at < 0) return void (placed = false);
        if (list.length === 0) return;
        this.rt.buffers.setBlocks(TRANSCRIPT, at, at, list);
        s.anchorId = this.rt.buffers.get(TRANSCRIPT)!.blocks[at]!.id;
      });
    }
    if (placed) s.fromSeq = records[0]!.seq;
    s.complete = !placed || records.length < limit;
    return !s.complete;
  }

  /** Loads the older pages one per timer tick (frames and keys run between them) until none is left. */
  loadInBackground(): void {
    if (this.complete || this.timer !== undefined) return;
    this.timer = this.rt.scheduler.defer(0, () => {
      this.timer = undefined;
      if (this.loadOlder()) this.loadInBackground();
    }, "host");
  }

  /** Stops background loading (another session was opened). */
  stop(): void {
    if (this.timer !== undefined) this.rt.scheduler.stop(this.timer);
    this.timer = undefined;
  }
}

// Blocks appended to the transcript as they are made (inside the caller's guard).
function appender(rt: Runtime): BlockSink {
  return { add: (kind, role, text, metadata = {}) => rt.buffers.appendBlock(TRANSCRIPT, { kind, role, text, metadata }) };
}

// Blocks collected to be inserted above the shown ones in one splice.
function collector(list: Partial<Block>[]): BlockSink {
  return { add: (kind, role, text, metadata = {}) => list.push({ kind, role, text, metadata }) };
}
