// The file objects behind Lua's io: buffered reads, seeks and writes over fds, and popen pipes.
import fs from "node:fs";
import type { LuaState } from "fengari";
import { runShell, type ExitTriple } from "./lua-process.js";
import { MAX_STRING_BYTES, tooLarge } from "./string-caps.js";

const CHUNK = 64 * 1024;

const STRERROR: Record<string, string> = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  EISDIR: "Is a directory",
  EEXIST: "File exists",
  ENOTDIR: "Not a directory",
  EBADF: "Bad file descriptor",
  EPERM: "Operation not permitted",
  ENOSPC: "No space left on device",
  EROFS: "Read-only file system",
  EINVAL: "Invalid argument",
};

/** A failed file operation in Lua's terms: `nil, message, errno`. */
export type FileFailure = { message: string; errno: number };

/** Turns a Node fs error into Lua's (message prefixed by the file name when given). */
export function fileFailure(e: unknown, name?: string): FileFailure {
  const err = e as NodeJS.ErrnoException;
  const text = (err.code && STRERROR[err.code]) ?? err.message ?? String(e);
  return { message: name === undefined ? text : `${name}: ${text}`, errno: Math.abs(err.errno ?? 0) };
}

type Source = { kind: "fd"; fd: number; seekable: boolean } | { kind: "memory"; data: Buffer };

/**
 * One open file as Lua's io sees it: buffered reads at an explicit position (so seek and
 * mixed read/write behave like C stdio), unbuffered writes, popen pipes as memory sources/sinks.
 */
export class LuaFile {
  private chunk: Buffer = Buffer.alloc(0);
  private off = 0;
  private filePos = 0; // position of the end of `chunk` in the file
  private eof = false;
  private pipeInput: Buffer[] = [];
  /** What close() reports for an `io.popen(cmd, "r")` handle (the command ran at open). */
  private exit: ExitTriple = [true, "exit", 0];
  closed = false;

  constructor(
    private readonly source: Source,
    readonly mode: "read" | "write" | "both",
    readonly std = false,
    readonly append = false,
    private readonly command?: { cmd: string; write: boolean; L: LuaState },
  ) {}

  /** Opens a file with a C fopen mode (`r`, `w+`, `ab`...). Throws the fs error. */
  static open(path: string, mode: string): LuaFile {
    const m = mode.replace(/b/g, "");
    const flags = { r: "r", "r+": "r+", w: "w", "w+": "w+", a: "a", "a+": "a+" }[m] ?? "r";
    const fd = fs.openSync(path, flags);
    const rw = m.includes("+") ? "both" : m === "r" ? "read" : "write";
    return new LuaFile({ kind: "fd", fd, seekable: true }, rw, false, m.startsWith("a"));
  }

  /** A standard stream (fd 0, 1 or 2). */
  static std(fd: number): LuaFile {
    return new LuaFile({ kind: "fd", fd, seekable: false }, fd === 0 ? "read" : "write", true);
  }

  /**
   * `io.popen`: "r" runs the command now and reads its stdout; "w" feeds it what is written, at
   * close. Either way the command runs within the calling callback's budget (lua-process.ts).
   */
  static popen(L: LuaState, cmd: string, write: boolean): LuaFile {
    if (write) return new LuaFile({ kind: "memory", data: Buffer.alloc(0) }, "write", false, false, { cmd, write, L });
    const r = runShell(L, "io.popen", cmd);
    const file = new LuaFile({ kind: "memory", data: r.stdout }, "read", false, false, { cmd, write, L });
    file.exit = r.exit;
    return file;
  }

  private fill(): boolean {
    if (this.eof) return false;
    if (this.source.kind === "memory") {
      if (this.filePos > 0 || this.source.data.length === 0) {
        this.eof = true;
        return false;
      }
      this.chunk = this.source.data;
      this.off = 0;
      this.filePos = this.chunk.length;
      return true;
    }
    const buf = Buffer.allocUnsafe(CHUNK);
    const n = fs.readSync(this.source.fd, buf, 0, CHUNK, this.source.seekable ? this.filePos : null);
    if (n === 0) {
      this.eof = true;
      return false;
    }
    this.chunk = buf.subarray(0, n);
    this.off = 0;
    this.filePos += n;
    return true;
  }

  private available(): boolean {
    return this.off < this.chunk.length || this.fill();
  }

  /** Reads one line; keepNewline for "L". Null at end of file. */
  readLine(keepNewline: boolean): Uint8Array | null {
    const parts: Buffer[] = [];
    let any = false;
    let size = 0;
    while (this.available()) {
      any = true;
      if ((size += this.chunk.length - this.off) > MAX_STRING_BYTES) throw new Error(tooLarge("read", size));
      const nl = this.chunk.indexOf(10, this.off);
      if (nl >= 0) {
        parts.push(this.chunk.subarray(this.off, keepNewline ? nl + 1 : nl));
        this.off = nl + 1;
        return Buffer.concat(parts);
      }
      parts.push(this.chunk.subarray(this.off));
      this.off = this.chunk.length;
    }
    return any ? Buffer.concat(parts) : null;
  }

  /** Reads the rest of the file ("" at end of file, never null). */
  readAll(): Uint8Array {
    const parts: Buffer[] = [];
    let size = 0;
    while (this.available()) {
      size += this.chunk.length - this.off;
      if (size > MAX_STRING_BYTES) throw new Error(tooLarge("read", size));
      parts.push(this.chunk.subarray(this.off));
      this.off = this.chunk.length;
    }
    return Buffer.concat(parts);
  }

  /** Reads up to n bytes; null at end of file (n = 0 tests for end of file). */
  readCount(n: number): Uint8Array | null {
    if (n === 0) return this.available() ? new Uint8Array(0) : null;
    const parts: Buffer[] = [];
    let left = n;
    while (left > 0 && this.available()) {
      const take = Math.min(left, this.chunk.length - this.off);
      if (n - left + take > MAX_STRING_BYTES) throw new Error(tooLarge("read", n - left + take));
      parts.push(this.chunk.subarray(this.off, this.off + take));
      this.off += take;
      left -= take;
    }
    return parts.length === 0 ? null : Buffer.concat(parts);
  }

  /** Reads a numeral the way C Lua's "n" does: skips spaces, takes at most 200 numeral characters. */
  readNumeral(): string | null {
    while (this.available() && /\s/.test(String.fromCharCode(this.chunk[this.off]))) this.off++;
    let s = "";
    while (s.length < 200 && this.available()) {
      const c = String.fromCharCode(this.chunk[this.off]);
      if (!/[0-9a-fA-FxX.+\-pPeE]/.test(c)) break;
      if ((c === "+" || c === "-") && s !== "" && !/[eEpP]$/.test(s)) break;
      s += c;
      this.off++;
    }
    return s === "" ? null : s;
  }

  /** Writes bytes at the current position (or appends in "a" modes). */
  write(bytes: Uint8Array): void {
    if (this.command) {
      this.pipeInput.push(Buffer.from(bytes));
      return;
    }
    if (this.source.kind !== "fd") throw Object.assign(new Error("Bad file descriptor"), { code: "EBADF", errno: -9 });
    const pos = this.position();
    this.dropBuffer(pos);
    const seekable = this.source.seekable && !this.append;
    const n = fs.writeSync(this.source.fd, bytes, 0, bytes.length, seekable ? pos : null);
    this.filePos = this.append ? fs.fstatSync(this.source.fd).size : pos + n;
  }

  /** The logical position: the file position minus what is buffered but unread. */
  position(): number {
    return this.filePos - (this.chunk.length - this.off);
  }

  private dropBuffer(pos: number): void {
    this.chunk = Buffer.alloc(0);
    this.off = 0;
    this.filePos = pos;
    this.eof = false;
  }

  /** Moves to offset from set/cur/end; returns the new position. */
  seek(whence: "set" | "cur" | "end", offset: number): number {
    if (this.source.kind !== "fd" || !this.source.seekable) {
      throw Object.assign(new Error("Illegal seek"), { code: "ESPIPE", errno: -29 });
    }
    const base = whence === "set" ? 0 : whence === "cur" ? this.position() : fs.fstatSync(this.source.fd).size;
    const pos = base + offset;
    if (pos < 0) throw Object.assign(new Error("Invalid argument"), { code: "EINVAL", errno: -22 });
    this.dropBuffer(pos);
    return pos;
  }

  /** Closes; for a popen handle returns Lua's `true|nil, "exit"|"signal", code`. */
  close(L?: LuaState): ExitTriple | null {
    this.closed = true;
    if (this.command?.write) return runShell(L ?? this.command.L, "io.popen", this.command.cmd, Buffer.concat(this.pipeInput)).exit;
    if (this.command) return this.exit;
    if (this.source.kind === "fd" && !this.std) fs.closeSync(this.source.fd);
    return null;
  }
}
