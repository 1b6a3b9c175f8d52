// The lines of a file read as bytes, each kept only up to a head: a 600 MB line (a minified bundle,
// a log without newlines) costs the head in memory, never the line. node:readline would build the
// whole line as one string (past V8's ~512 MB string limit, "Invalid string length").

/** One line: its head as text (whole when the line is short) and its full length in UTF-16 units. */
export type BoundedLine = { text: string; length: number };

/** UTF-16 units of UTF-8 bytes (a lead byte of a 4-byte sequence is a surrogate pair). */
function units(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c < 0x80 || (c >= 0xc0 && c < 0xf0)) n++;
    else if (c >= 0xf0) n += 2;
  }
  return n;
}

/**
 * Splits a byte stream at `\n` (a `\r` before it is dropped, as readline does), yielding each line
 * with at most `headChars` UTF-16 units of text and its whole length. A last line without `\n`
 * is yielded when it is not empty.
 */
export async function* boundedLines(chunks: AsyncIterable<Buffer | string>, headChars: number): AsyncGenerator<BoundedLine> {
  // Enough bytes for headChars units whatever the characters are (at most 4 bytes a unit).
  const keep = headChars * 4 + 4;
  let head: Buffer[] = [];
  let headBytes = 0;
  let extraUnits = 0; // units of the bytes past the head
  let lastByte = -1;
  const take = (b: Buffer, from: number, to: number): void => {
    if (to <= from) return;
    lastByte = b[to - 1]!;
    const room = Math.max(0, keep - headBytes);
    const kept = Math.min(room, to - from);
    if (kept > 0) {
      head.push(b.subarray(from, from + kept));
      headBytes += kept;
    }
    if (kept < to - from) extraUnits += units(b, from + kept, to);
  };
  const line = (): BoundedLine => {
    let buf = Buffer.concat(head);
    // readline's crlfDelay: Infinity drops the \r of a \r\n; a cut head keeps its \r (it is counted below).
    const cr = lastByte === 0x0d;
    if (cr && extraUnits === 0) buf = buf.subarray(0, buf.length - 1);
    let text = buf.toString("utf8");
    let length = text.length;
    if (extraUnits > 0) {
      // A character cut at the head's end decodes to U+FFFD: count the head from its bytes instead.
      length = units(buf, 0, buf.length) + extraUnits - (cr ? 1 : 0);
      text = text.slice(0, headChars);
    }
    head = [];
    headBytes = 0;
    extraUnits = 0;
    lastByte = -1;
    return { text, length };
  };
  let pending = false;
  for await (const chunk of chunks) {
    const b = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    let at = 0;
    for (let nl = b.indexOf(0x0a, at); nl !== -1; nl = b.indexOf(0x0a, at)) {
      take(b, at, nl);
      yield line();
      pending = false;
      at = nl + 1;
    }
    if (at < b.length) {
      take(b, at, b.length);
      pending = true;
    }
  }
  if (pending) yield line();
}
