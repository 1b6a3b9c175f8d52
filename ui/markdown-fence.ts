// The open code fence at the end of a streaming message (the way a model writes a file): while no
// closing fence arrives, appended text only adds code lines, so a delta costs the lines it
// touches, never the block: no block lexing of the fence, complete lines highlighted and wrapped
// once (markdown-code.ts), and the lines before the fence kept as they were.
import type { Style } from "../engine/kernel/style.js";
import { renderCode, type CodeMemo } from "./markdown-code.js";
import { hasPrefix, type StyledLine } from "./wrap-text.js";

/** An open fence at the end of the text and what its last render keeps. */
export type FenceMemo = {
  width: number;
  /** The text up to `codeEnd`, which the next text must start with. */
  checked: string;
  /** The lines drawn before the fence, with the blank line that separates them from it. */
  head: StyledLine[];
  /** The fence's characters (``` or ~~~, or longer) and its info string. */
  marker: string;
  info: string | undefined;
  /** Complete code lines (appended to in place) and the offset after the last one's newline. */
  code: string[];
  codeCount: number;
  codeEnd: number;
  /** The text after `codeEnd` (the code line still being written). */
  partial: string;
  render: CodeMemo;
};

/** Styles of the fence lines and of the code indentation. */
export type FenceStyles = { fence: Style; plain: Style };

// A fence opener at column 0 with its line complete: the fence chars and the info string.
const OPENER = /^(`{3,}(?=[^`\n]*\n)|~{3,})([^\n]*)\n/;

/** A line that closes a fence opened with `marker` (what marked accepts). */
export function closes(line: string, marker: string): boolean {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  if (!hasPrefix(line.slice(i), marker)) return false;
  i += marker.length;
  while (i < line.length && line[i] === marker[0]) i++;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i === line.length;
}

// The code lines marked gives an unclosed fence: the body minus one trailing newline, except
// that a body ending in a blank line (or only a newline) keeps it.
function codeLines(code: string[], codeCount: number, last: string): string[] {
  const lines = code.length === codeCount ? code.slice() : code.slice(0, codeCount);
  if (!(last === "" && codeCount > 0 && lines[codeCount - 1] !== "")) lines.push(last);
  return lines;
}

/**
 * Starts tracking an open fence whose raw text (`raw`, the last block of `src`, starting at
 * `start`) has no closing line yet; null when it is not one this path handles (indented, opener
 * line unfinished, or closed).
 */
export function openFence(src: string, start: number, raw: string, info: string | undefined, head: StyledLine[], width: number, styles: FenceStyles): { lines: StyledLine[]; memo: FenceMemo } | null {
  const m = OPENER.exec(raw);
  if (m === null || start + raw.length !== src.length) return null;
  const bodyStart = start + m[0].length;
  const memo: FenceMemo = {
    width, checked: src.slice(0, bodyStart), head, marker: m[1]!, info, code: [], codeCount: 0, codeEnd: bodyStart, partial: "",
    render: { info: info ?? "", lang: null, width, rows: [], rowCount: 0, rowLines: 0 },
  };
  return streamFence(src, width, memo, styles);
}

/**
 * The lines of `src` when it still ends in the open fence of `memo` (null when the text before it
 * changed or a closing fence arrived: then the caller renders the whole tail again).
 */
export function streamFence(src: string, width: number, memo: FenceMemo, styles: FenceStyles): { lines: StyledLine[]; memo: FenceMemo } | null {
  if (memo.width !== width || !hasPrefix(src, memo.checked)) return null;
  return fenceAfter(src.slice(memo.codeEnd), memo, styles);
}

/**
 * streamFence for text known to be the memo's text plus `appended` (a block's append log says
 * so): only the code line being written and the appended text are looked at.
 */
export function appendFence(appended: string, memo: FenceMemo, styles: FenceStyles): { lines: StyledLine[]; memo: FenceMemo } | null {
  return fenceAfter(memo.partial + appended, memo, styles);
}

// The fence's lines given the text after the memo's last complete code line.
function fenceAfter(after: string, memo: FenceMemo, styles: FenceStyles): { lines: StyledLine[]; memo: FenceMemo } | null {
  const width = memo.width;
  const parts = after.split("\n");
  for (const p of parts) if (closes(p, memo.marker)) return null;
  const code = memo.code.length === memo.codeCount ? memo.code : memo.code.slice(0, memo.codeCount);
  let codeEnd = memo.codeEnd;
  for (let i = 0; i < parts.length - 1; i++) {
    code.push(parts[i]!);
    codeEnd += parts[i]!.length + 1;
  }
  const partial = parts[parts.length - 1]!;
  const lines = codeLines(code, code.length, partial);
  const out = renderCode({ info: memo.info, lines, complete: code.length, closed: false, width, fence: styles.fence, plain: styles.plain }, memo.render);
  // The checked text grows by the lines completed (a rope: nothing is copied unless a string caller compares it).
  const checked = codeEnd === memo.codeEnd ? memo.checked : memo.checked + after.slice(0, codeEnd - memo.codeEnd);
  const next: FenceMemo = { ...memo, checked, code, codeCount: code.length, codeEnd, partial, render: out.memo };
  return { lines: memo.head.length === 0 ? out.lines : memo.head.concat(out.lines), memo: next };
}

/** Whether a fenced code token's raw text ends with its closing line (a stream may not have sent it yet). */
export function fenceClosed(raw: string): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
  const nl = raw.lastIndexOf("\n");
  return m !== null && nl >= 0 && closes(raw.slice(nl + 1), m[1]!);
}

/**
 * The render memo of a fence that has just closed, when `lines` (its code, now complete) start
 * with the lines the memo saw while it was open; else undefined.
 */
export function closedFenceMemo(memo: FenceMemo | undefined, info: string | undefined, lines: readonly string[], width: number): CodeMemo | undefined {
  if (memo === undefined || memo.width !== width || (memo.info ?? "") !== (info ?? "") || lines.length < memo.codeCount) return undefined;
  for (let i = 0; i < memo.codeCount; i++) if (lines[i] !== memo.code[i]) return undefined;
  return memo.render;
}
