/**
 * Pure multi-line text editing for the composer. Positions are 0-based code-point offsets, as
 * everywhere Lua can see them. Each function reads the text as lines around the cursor and
 * returns the edit to make, so a key costs the lines it looks at, not the size of the text.
 */
import { cpLength } from "../kernel/code-points.js";
import { TextLines } from "../kernel/text-lines.js";

/** The composer's text (as lines) and cursor, as the editing keys read them. */
export type TextState = { lines: TextLines; cursor: number };

/** What a key does: [start, end) becomes `text` (nothing when both are empty), then the cursor
 *  goes to `cursor`. */
export type TextEdit = { start: number; end: number; text: string; cursor: number };

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

function clampCursor(st: TextState): number {
  return Math.max(0, Math.min(st.lines.length, st.cursor));
}

const moveTo = (cursor: number): TextEdit => ({ start: cursor, end: cursor, text: "", cursor });
const remove = (start: number, end: number): TextEdit => ({ start, end, text: "", cursor: start });

/** True when the edit changes the text (not only the cursor). */
export function changesText(e: TextEdit): boolean {
  return e.start !== e.end || e.text !== "";
}

/** Applies an edit to plain text (for callers holding a string rather than a buffer). */
export function applyEdit(text: string, e: TextEdit): { text: string; cursor: number } {
  const lines = new TextLines(text);
  if (changesText(e)) lines.splice(e.start, e.end, e.text);
  return { text: lines.toString(), cursor: e.cursor };
}

/** Inserts `s` at the cursor and leaves the cursor after it. */
export function insertText(st: TextState, s: string): TextEdit {
  const at = clampCursor(st);
  return { start: at, end: at, text: s, cursor: at + cpLength(s) };
}

/** Deletes the code point before the cursor. */
export function deleteBackward(st: TextState): TextEdit {
  const at = clampCursor(st);
  return at === 0 ? moveTo(0) : remove(at - 1, at);
}

/** Deletes the code point under the cursor. */
export function deleteForward(st: TextState): TextEdit {
  const at = clampCursor(st);
  return at >= st.lines.length ? moveTo(at) : { start: at, end: at + 1, text: "", cursor: at };
}

/** Moves the cursor one code point left. */
export function charLeft(st: TextState): TextEdit {
  return moveTo(Math.max(0, clampCursor(st) - 1));
}

/** Moves the cursor one code point right. */
export function charRight(st: TextState): TextEdit {
  return moveTo(Math.min(st.lines.length, clampCursor(st) + 1));
}

/** The offset of the start of the word before the cursor (skipping separators, newlines
 *  included, first); reads only the lines it crosses. */
export function wordStartBefore(st: TextState): number {
  const { lines } = st;
  let { line, col } = lines.locate(clampCursor(st));
  let chars = Array.from(lines.line(line));
  for (;;) {
    while (col > 0 && !isWordChar(chars[col - 1])) col--;
    if (col > 0 || line === 0) break;
    chars = Array.from(lines.line(--line));
    col = chars.length;
  }
  while (col > 0 && isWordChar(chars[col - 1])) col--;
  return lines.lineStart(line) + col;
}

/** The offset just past the end of the word after the cursor (skipping separators first). */
export function wordEndAfter(st: TextState): number {
  const { lines } = st;
  let { line, col } = lines.locate(clampCursor(st));
  let chars = Array.from(lines.line(line));
  for (;;) {
    while (col < chars.length && !isWordChar(chars[col])) col++;
    if (col < chars.length || line === lines.lineCount - 1) break;
    chars = Array.from(lines.line(++line));
    col = 0;
  }
  while (col < chars.length && isWordChar(chars[col])) col++;
  return lines.lineStart(line) + col;
}

/** Moves the cursor to the start of the previous word. */
export function wordLeft(st: TextState): TextEdit {
  return moveTo(wordStartBefore(st));
}

/** Moves the cursor past the end of the next word. */
export function wordRight(st: TextState): TextEdit {
  return moveTo(wordEndAfter(st));
}

/** Deletes from the start of the previous word to the cursor (ctrl+w, alt+backspace). */
export function deleteWordBackward(st: TextState): TextEdit {
  return remove(wordStartBefore(st), clampCursor(st));
}

/** Deletes from the cursor to the end of the next word (alt+d). */
export function deleteWordForward(st: TextState): TextEdit {
  const at = clampCursor(st);
  return { start: at, end: wordEndAfter(st), text: "", cursor: at };
}

/** Start and end offsets of the line holding the cursor. */
export function lineBounds(st: TextState): { start: number; end: number } {
  const { line } = st.lines.locate(clampCursor(st));
  const start = st.lines.lineStart(line);
  return { start, end: start + st.lines.lineLength(line) };
}

/** Moves to the start of the current line (home, ctrl+a). */
export function lineStart(st: TextState): TextEdit {
  return moveTo(lineBounds(st).start);
}

/** Moves to the end of the current line (end, ctrl+e). */
export function lineEnd(st: TextState): TextEdit {
  return moveTo(lineBounds(st).end);
}

/** Deletes from the start of the line to the cursor (ctrl+u). */
export function killToLineStart(st: TextState): TextEdit {
  const at = clampCursor(st);
  const { start } = lineBounds(st);
  // At a line start, ctrl+u joins with the previous line, as readline-style editors do.
  return remove(start === at && at > 0 ? at - 1 : start, at);
}

/** Deletes from the cursor to the end of the line (ctrl+k). */
export function killToLineEnd(st: TextState): TextEdit {
  const at = clampCursor(st);
  const { end } = lineBounds(st);
  return { start: at, end: end === at && at < st.lines.length ? at + 1 : end, text: "", cursor: at };
}

/**
 * Moves the cursor one line up (-1) or down (+1), keeping the column where the line is long
 * enough. Returns null when there is no such line, so the caller can fall back to history.
 */
export function moveLine(st: TextState, delta: -1 | 1): TextEdit | null {
  const { lines } = st;
  const { line, col } = lines.locate(clampCursor(st));
  const target = line + delta;
  if (target < 0 || target >= lines.lineCount) return null;
  return moveTo(lines.lineStart(target) + Math.min(col, lines.lineLength(target)));
}
