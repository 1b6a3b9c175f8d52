// Colour and width for the command line's output (not the chat): rows of theme-styled spans,
// painted with chalk when the stream is a terminal (NO_COLOR and FORCE_COLOR honoured) and wrapped
// to the terminal's width with wrap-ansi. Piped output stays plain and unwrapped, for scripts.
import { Chalk, type ChalkInstance } from "chalk";
import wrapAnsi from "wrap-ansi";
import type { Style, StyledRow } from "../engine/kernel/style.js";

/** Where output goes: process.stdout/stderr or a test's stand-in. */
export type OutStream = { isTTY?: boolean; columns?: number; write(s: string): unknown };

/** chalk's colour level for a stream: FORCE_COLOR wins, then NO_COLOR, then "is it a terminal". */
export function colorLevel(stream: OutStream, env: NodeJS.ProcessEnv = process.env): 0 | 1 | 2 | 3 {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "" || force === "true") return 1;
    if (force === "false") return 0;
    const n = Number.parseInt(force, 10);
    return Number.isNaN(n) ? 1 : (Math.max(0, Math.min(n, 3)) as 0 | 1 | 2 | 3);
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  if (stream.isTTY !== true || env.TERM === "dumb") return 0;
  if (env.COLORTERM === "truecolor" || env.COLORTERM === "24bit") return 3;
  return /256/.test(env.TERM ?? "") ? 2 : 1;
}

// The terminal's own palette for the tokens the tables use, so they suit dark and light terminals.
const TOKEN_COLOURS: Record<string, (c: ChalkInstance) => ChalkInstance> = {
  accent: (c) => c.cyan,
  muted: (c) => c.gray,
  dim: (c) => c.dim,
  warning: (c) => c.yellow,
  error: (c) => c.red,
  success: (c) => c.green,
  mdHeading: (c) => c.bold,
};

function paint(c: ChalkInstance, text: string, style: Style | undefined): string {
  if (!style || c.level === 0) return text;
  let p = c;
  if (style.fg !== undefined) p = style.fg.startsWith("#") ? p.hex(style.fg) : (TOKEN_COLOURS[style.fg]?.(p) ?? p);
  if (style.bold) p = p.bold;
  if (style.italic) p = p.italic;
  if (style.underline) p = p.underline;
  if (style.dim) p = p.dim;
  if (style.reverse) p = p.inverse;
  return p === c ? text : p(text);
}

/** The stream's width when it is a terminal; undefined for a pipe or a file (no width to fit). */
export function terminalWidth(stream: OutStream): number | undefined {
  return stream.isTTY === true && stream.columns !== undefined && stream.columns > 0 ? stream.columns : undefined;
}

/** The rows as the stream should receive them: styled for a colour terminal, wrapped to its width. */
export function renderRows(rows: readonly StyledRow[], stream: OutStream, env: NodeJS.ProcessEnv = process.env): string[] {
  const c = new Chalk({ level: colorLevel(stream, env) });
  const width = terminalWidth(stream) ?? 0;
  return rows.map((row) => {
    const line = row.map((s) => paint(c, s.text, s.style)).join("");
    return width > 0 ? wrapAnsi(line, width, { hard: true, trim: false }) : line;
  });
}

/** Prints styled rows to the stream (stdout by default), each ended by a newline. */
export function printRows(rows: readonly StyledRow[], stream: OutStream = process.stdout, env: NodeJS.ProcessEnv = process.env): void {
  if (rows.length > 0) stream.write(renderRows(rows, stream, env).join("\n") + "\n");
}
