// Named-event handler lists kept sorted by priority (higher first), ties in registration order
// across all owners. The Runtime does the running (savepoints, errors); this only keeps order.
import type { KeyEvent } from "./key-event.js";

/** What a handler may return: true consumes; a table may carry consumed/handled/stop/stopped. */
export type HandlerResult =
  | void
  | undefined
  | boolean
  | { consumed?: boolean; handled?: boolean; stop?: boolean; stopped?: boolean };

/** The event a handler receives. */
export type EventContext = {
  name: string;
  data: Record<string, unknown>;
  key?: KeyEvent;
  /** The host skips its default behaviour; later handlers still run. */
  consume(): void;
  /** Consume and run no later handler. */
  stop(): void;
  readonly consumed: boolean;
  readonly stopped: boolean;
};

export type Handler = (ev: EventContext) => HandlerResult;

/** owner: an extension name or "host" (errors and timings are filed under it). */
export type HandlerOptions = { priority?: number; owner?: string };

/** A registered handler, in dispatch order. */
export type HandlerEntry = { name: string; handler: Handler; priority: number; owner: string; seq: number };

/** A global registration counter, so ties order by registration across every registry. */
let seqCounter = 0;

/** The next registration sequence number. */
export function nextSeq(): number {
  return ++seqCounter;
}

/** Orders entries: priority descending, then registration order. */
export function byPriority(a: { priority: number; seq: number }, b: { priority: number; seq: number }): number {
  return b.priority - a.priority || a.seq - b.seq;
}

/** Handlers per event name, each list kept in dispatch order. */
export class EventBus {
  private readonly byName = new Map<string, HandlerEntry[]>();
  private readonly gens = new Map<string, number>();

  /** A number that changes whenever name's handler list changes (renderers key caches on it). */
  generation(name: string): number {
    return this.gens.get(name) ?? 0;
  }

  private bump(name: string): void {
    this.gens.set(name, (this.gens.get(name) ?? 0) + 1);
  }

  /** Registers handler for name; returns a function that removes it. */
  on(name: string, handler: Handler, opts: HandlerOptions = {}): () => void {
    const entry: HandlerEntry = { name, handler, priority: opts.priority ?? 0, owner: opts.owner ?? "host", seq: nextSeq() };
    const list = this.byName.get(name) ?? [];
    // Insert before the first entry that sorts after us: lists stay sorted without a full sort.
    let i = list.length;
    while (i > 0 && byPriority(list[i - 1]!, entry) > 0) i--;
    list.splice(i, 0, entry);
    this.byName.set(name, list);
    this.bump(name);
    return () => {
      const cur = this.byName.get(name);
      const at = cur ? cur.indexOf(entry) : -1;
      if (at < 0) return;
      cur!.splice(at, 1);
      this.bump(name);
    };
  }

  /** The handlers of name in dispatch order (a snapshot: safe to iterate while handlers register). */
  handlers(name: string): HandlerEntry[] {
    return [...(this.byName.get(name) ?? [])];
  }

  /** Number of handlers for name, or for every name when omitted. */
  count(name?: string): number {
    if (name !== undefined) return this.byName.get(name)?.length ?? 0;
    let n = 0;
    for (const l of this.byName.values()) n += l.length;
    return n;
  }

  /** Every registration, for `extension list` (event name, owner, priority). */
  list(): HandlerEntry[] {
    return [...this.byName.values()].flat().sort((a, b) => a.seq - b.seq);
  }

  /** Removes every handler registered by owner (a disabled extension). */
  removeOwner(owner: string): void {
    for (const [name, l] of this.byName) {
      const kept = l.filter((e) => e.owner !== owner);
      if (kept.length === l.length) continue;
      this.byName.set(name, kept);
      this.bump(name);
    }
  }
}
