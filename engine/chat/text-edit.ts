/**
 * Pure multi-line text editing for the composer. Positions are 0-based code-point offsets, as
 * everywhere Lua can see them. Each function takes the text and cursor and returns the new pair,
 * so the stock key behaviour and extensions share one implementation.
 */
export type TextState = { text: string; cursor: number };

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

function clampCursor(chars: string[], cursor: number): number {
  return Math.max(0, Math.min(chars.length, cursor));
}

/** Inserts `s` at the cursor and leaves the cursor after it. */
export function insertText(st: TextState, s: string): TextState {
  const chars = Array.from(st.text);
  const at = clampCursor(chars, st.cursor);
  const ins = Array.from(s);
  chars.splice(at, 0, ...ins);
  return { text: chars.join(""), cursor: at + ins.length };
}

/** Deletes the code point before the cursor. */
export function deleteBackward(st: TextState): TextState {
  const chars = Array.from(st.text);
  const at = clampCursor(chars, st.cursor);
  if (at === 0) return { text: st.text, cursor: 0 };
  chars.splice(at - 1, 1);
  return { text: chars.join(""), cursor: at - 1 };
}

/** Deletes the code point under the cursor. */
export function deleteForward(st: TextState): TextState {
  const chars = Array.from(st.text);
  const at = clampCursor(chars, st.cursor);
  if (at >= chars.length) return { text: st.text, cursor: at };
  chars.splice(at, 1);
  return { text: chars.join(""), cursor: at };
}

/** The offset of the start of the word before the cursor (skipping separators first). */
export function wordStartBefore(chars: string[], cursor: number): number {
  let i = clampCursor(chars, cursor);
  while (i > 0 && !isWordChar(chars[i - 1])) i--;
  while (i > 0 && isWordChar(chars[i - 1])) i--;
  return i;
}

/** The offset just past the end of the word after the cursor (skipping separators first). */
export function wordEndAfter(chars: string[], cursor: number): number {
  let i = clampCursor(chars, cursor);
  while (i < chars.length && !isWordChar(chars[i])) i++;
  while (i < chars.length && isWordChar(chars[i])) i++;
  return i;
}

/** Moves the cursor to the start of the previous word. */
export function wordLeft(st: TextState): TextState {
  return { text: st.text, cursor: wordStartBefore(Array.from(st.text), st.cursor) };
}

/** Moves the cursor past the end of the next word. */
export function wordRight(st: TextState): TextState {
  return { text: st.text, cursor: wordEndAfter(Array.from(st.text), st.cursor) };
}

/** Deletes from the start of the previous word to the cursor (ctrl+w, alt+backspace). */
export function deleteWordBackward(st: TextState): TextState {
  const chars = Array.from(st.text);
  const at = clampCursor(chars, st.cursor);
  const from = wordStartBefore(chars, at);
  chars.splice(from, at - from);
  return { text: chars.join(""), cursor: from };
}

/** Deletes from the cursor to the end of the next word (alt+d). */
export function deleteWordForward(st: TextState): TextState {
  const chars = Array.from(st.text);
  const at = clampCursor(chars, st.cursor);
  const to = wordEndAfter(chars, at);
  chars.splice(at, to - at);
  return { text: chars.join(""), cursor: at };
}

/** Start and end offsets of the line holding the cursor. */
export function lineBounds(chars: string[], cursor: number): { start: number; end: number } {
  const at = clampCursor(chars, cursor);
  let start = at;
  while (start > 0 && chars[start - 1] !== "\n") start--;
  let end = at;
  while (end < chars.length && chars[end] !== "\n") end++;
  return { start, end };
}

/** Moves to the start of the current line (home, ctrl+a). */
export function lineStart(st: TextState): TextState {
  return { text: st.text, cursor: lineBounds(Array.from(st.text), st.cursor).start };
}

/** Moves to the end of the current line (end, ctrl+e). */
export function lineEnd(st: TextState): TextState {
  return { text: st.text, cursor: lineBounds(Array.from(st.text), st.cursor).end };
}

/** Deletes from the start of the line to the cursor (ctrl+u). */
export function killToLineStart(st: TextState): TextState {
  const chars = Array.from(st.text);
  const at = clampCursor(chars, st.cursor);
  const { start } = lineBounds(chars, at);
  // At a line start, ctrl+u joins with the previous line, as readline-style editors do.
  const from = start === at && at > 0 ? at - 1 : start;
  chars.splice(from, at - from);
  return { text: chars.join(""), cursor: from };
}

/** Deletes from the cursor to the end of the line (ctrl+k). */
export function killToLineEnd(st: TextState): TextState {
  const chars = Array.from(st.text);
  const at = clampCursor(chars, st.cursor);
  const { end } = lineBounds(chars, at);
  const to = end === at && at < chars.length ? at + 1 : end;
  chars.splice(at, to - at);
  return { text: chars.join(""), cursor: at };
}

/**
 * Moves the cursor one line up (-1) or down (+1), keeping the column where the line is long
 * enough. Returns null when there is no such line, so the caller can fall back to history.
 */
export function moveLine(st: TextState, delta: -1 | 1): TextState | null {
  const chars = Array.from(st.text);
  const at = clampCursor(chars, st.cursor);
  const { start, end } = lineBounds(chars, at);
  const col = at - start;
  if (delta < 0) {
    if (start === 0) return null;
    const prev = lineBounds(chars, start - 1);
    return { text: st.text, cursor: prev.start + Math.min(col, prev.end - prev.start) };
  }
  if (end >= chars.length) return null;
  const next = lineBounds(chars, end + 1);
  return { text: st.text, cursor: next.start + Math.min(col, next.end - next.start) };
}
