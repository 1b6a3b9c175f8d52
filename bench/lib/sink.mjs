// A stand-in for a TTY's stdout that counts what a renderer writes instead of showing it.
import { EventEmitter } from "node:events";

/** A writable that looks like a 120x40 TTY to Ink and pi-tui and counts bytes and writes. */
export class CountingSink extends EventEmitter {
  /** Set to true to keep every chunk (the render suite replays them into a terminal emulator). */
  static record = false;

  constructor(columns, rows) {
    super();
    this.columns = columns;
    this.rows = rows;
    this.isTTY = true;
    this.writable = true;
    this.bytes = 0;
    this.writes = 0;
    this.last = "";
    /** Every chunk written, when CountingSink.record was set before the sink was made. */
    this.chunks = CountingSink.record ? [] : null;
  }

  write(chunk, encoding, cb) {
    const s = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    this.bytes += Buffer.byteLength(s, "utf8");
    this.writes++;
    this.last = s;
    if (this.chunks) this.chunks.push(s);
    if (typeof encoding === "function") encoding();
    else if (typeof cb === "function") cb();
    return true;
  }

  /** Bytes written so far; subtract two readings for one update. */
  mark() {
    return this.bytes;
  }

  end() {}
  cork() {}
  uncork() {}
  getColorDepth() { return 24; }
  hasColors() { return true; }
}

/** A silent stdin for Ink (never emits input; raw mode is accepted and ignored). */
export class NullInput extends EventEmitter {
  constructor() {
    super();
    this.isTTY = true;
  }
  setRawMode() { return this; }
  setEncoding() { return this; }
  read() { return null; }
  resume() { return this; }
  pause() { return this; }
  ref() { return this; }
  unref() { return this; }
}
