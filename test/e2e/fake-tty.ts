// A terminal's two streams, in-process: what the app reads (raw mode, keys) and what it writes.
import { EventEmitter } from "node:events";

/** stdin as the app sees it: a TTY whose raw mode is recorded. */
export class FakeInput extends EventEmitter {
  isTTY = true;
  raw = false;
  setRawMode(on: boolean): void { this.raw = on; }
  resume(): void {}
  pause(): void {}
}

/** stdout as the app sees it: a size, and every write kept. */
export class FakeOutput extends EventEmitter {
  writes: string[] = [];
  constructor(public columns: number, public rows: number) { super(); }
  write(s: string): boolean { this.writes.push(s); return true; }
}
