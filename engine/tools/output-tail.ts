// Keeps the last part of a stream that may be far larger than anything worth showing: the tail of a
// failing build is where the error is. Memory stays within about twice the cap however much arrives.

export type TailText = { text: string; droppedBytes: number; droppedLines: number; totalBytes: number };

/** Collects text chunks, keeping at most maxBytes (and maxLines lines) of the end. */
export class OutputTail {
  private kept = "";
  private keptBytes = 0;
  private total = 0;
  private droppedBytes = 0;
  private droppedLines = 0;
  private droppedEndsLine = true;

  constructor(private readonly maxBytes: number, private readonly maxLines: number) {}

  /** Adds a chunk of output. */
  push(chunk: string): void {
    if (chunk === "") return;
    const size = Buffer.byteLength(chunk);
    this.kept += chunk;
    this.keptBytes += size;
    this.total += size;
    if (this.keptBytes > this.maxBytes * 2) this.dropFront(indexAfterBytes(this.kept, this.keptBytes - this.maxBytes));
  }

  /** The kept tail (starting on a whole line whenever anything was dropped) and what was dropped. */
  result(): TailText {
    if (this.keptBytes > this.maxBytes) this.dropFront(indexAfterBytes(this.kept, this.keptBytes - this.maxBytes));
    const body = this.kept.endsWith("\n") ? this.kept.slice(0, -1) : this.kept;
    let lines = countNewlines(body) + 1;
    if (lines > this.maxLines) {
      let at = 0;
      for (; lines > this.maxLines; lines--) at = this.kept.indexOf("\n", at) + 1;
      this.dropFront(at);
    }
    if (this.droppedBytes > 0 && !this.droppedEndsLine) {
      const nl = this.kept.indexOf("\n");
      if (nl !== -1 && nl < this.kept.length - 1) this.dropFront(nl + 1);
    }
    return { text: this.kept, droppedBytes: this.droppedBytes, droppedLines: this.droppedLines, totalBytes: this.total };
  }

  private dropFront(index: number): void {
    if (index <= 0) return;
    const dropped = this.kept.slice(0, index);
    const bytes = Buffer.byteLength(dropped);
    this.kept = this.kept.slice(index);
    this.keptBytes -= bytes;
    this.droppedBytes += bytes;
    this.droppedLines += countNewlines(dropped);
    this.droppedEndsLine = dropped.endsWith("\n");
  }
}

// The smallest string index whose prefix holds at least `bytes` UTF-8 bytes (never splitting a pair).
function indexAfterBytes(s: string, bytes: number): number {
  let sum = 0;
  let i = 0;
  while (i < s.length && sum < bytes) {
    const c = s.charCodeAt(i);
    if (c < 0x80) sum += 1;
    else if (c < 0x800) sum += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      sum += 4;
      i++;
    } else sum += 3;
    i++;
  }
  return i;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
