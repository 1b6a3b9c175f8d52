// What extensions said (`print`, `librecode.log`) and what failed, in order, for `/log` and the
// log file the chat writes. Bounded: the oldest entries go first.
import type { Clock } from "./scheduler.js";

/** One log entry: when (clock ms), whose, and the text; `error` for a reported failure. */
export type LogEntry = { at: number; owner: string; text: string; error: boolean };

/** Entries kept in memory. */
export const LOG_CAPACITY = 500;

/** The runtime's extension log. */
export class ExtensionLog {
  private readonly list: LogEntry[] = [];
  private readonly listeners: Array<(e: LogEntry) => void> = [];

  constructor(private readonly clock: Clock) {}

  /** Adds an entry and tells the listeners. */
  append(owner: string, text: string, error = false): void {
    const e: LogEntry = { at: this.clock.now(), owner, text, error };
    this.list.push(e);
    if (this.list.length > LOG_CAPACITY) this.list.splice(0, this.list.length - LOG_CAPACITY);
    for (const l of this.listeners) l(e);
  }

  /** The kept entries, oldest first. */
  entries(): readonly LogEntry[] {
    return this.list;
  }

  /** Calls l for every entry appended from now on. */
  onAppend(l: (e: LogEntry) => void): void {
    this.listeners.push(l);
  }
}

/** "21:58:03  greet  hello" (UTC time of day, owner, text; "error: " before a failure). */
export function formatLogEntry(e: LogEntry): string {
  const time = new Date(e.at).toISOString().slice(11, 19);
  return `${time}  ${e.owner}  ${e.error ? "error: " : ""}${e.text}`;
}
