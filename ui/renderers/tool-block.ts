// A tool block's lines: a header (name and argument summary) and the output. Collapsed, plain
// output keeps its last `toolLines` non-blank lines (the end of a command is what matters); a unified diff
// (the edit tool's) keeps its first lines from the hunk on, coloured, since the change is there.
import type { Block } from "../../engine/kernel/block.js";
import type { Style } from "../../engine/kernel/style.js";
import { truncate } from "../text-helpers.js";
import { wrapSpans, type StyledLine } from "../wrap-text.js";
import { padLine, withBackground } from "./window-renderer.js";

/** Tool output lines shown while collapsed, unless `ui.tool_lines` (the window var `tool_lines`) says otherwise. */
export const DEFAULT_TOOL_LINES = 12;

export type ToolStatus = "pending" | "success" | "error";

const TOOL_NAME: Style = Object.freeze({ bold: true });
const TOOL_ARGS: Style = Object.freeze({ fg: "muted" });
const TOOL_OUT: Style = Object.freeze({ fg: "text" });
const TOOL_ERR: Style = Object.freeze({ fg: "error" });
const HINT: Style = Object.freeze({ fg: "dim", italic: true });
const DIFF_ADD: Style = Object.freeze({ fg: "diffAdd" });
const DIFF_DEL: Style = Object.freeze({ fg: "diffDelete" });
const DIFF_HUNK: Style = Object.freeze({ fg: "accent" });
const DIFF_FILE: Style = Object.freeze({ fg: "muted", bold: true });
const TOOL_BG: Record<ToolStatus, string> = { pending: "toolPendingBg", success: "toolSuccessBg", error: "toolErrorBg" };
const SUMMARY_KEYS = ["command", "path", "file_path", "pattern", "query", "url", "file"];

/** A tool block's state: metadata.status, else is_error, else pending while streaming. */
export function toolStatus(b: Block): ToolStatus {
  const s = b.metadata.status;
  if (s === "pending" || s === "running") return "pending";
  if (s === "error" || b.metadata.is_error === true || b.metadata.isError === true) return "error";
  if (s === "success" || s === "done") return "success";
  return b.streaming ? "pending" : "success";
}

/** A short one-line view of a tool's arguments (`metadata.arguments` or `arguments_json`). */
export function argsSummary(meta: Record<string, unknown>): string {
  let args = meta.arguments;
  if (args === undefined && typeof meta.arguments_json === "string") {
    try {
      args = JSON.parse(meta.arguments_json);
    } catch {
      return meta.arguments_json.replace(/\s*\n\s*/g, " ");
    }
  }
  if (args === undefined || args === null) return "";
  if (typeof args !== "object") return String(args);
  const rec = args as Record<string, unknown>;
  for (const k of SUMMARY_KEYS) if (typeof rec[k] === "string") return (rec[k] as string).replace(/\s*\n\s*/g, " ");
  return JSON.stringify(args);
}

/** The index of the first hunk line (`@@ `) of a unified diff in `lines` (after `--- `/`+++ `), or -1. */
export function diffStart(lines: readonly string[]): number {
  for (let i = 0; i + 2 < lines.length; i++) {
    if (lines[i]!.startsWith("--- ") && lines[i + 1]!.startsWith("+++ ") && lines[i + 2]!.startsWith("@@ ")) return i;
  }
  return -1;
}

function diffStyle(line: string, plain: Style): Style {
  if (line.startsWith("+++ ") || line.startsWith("--- ")) return DIFF_FILE;
  if (line.startsWith("@@")) return DIFF_HUNK;
  if (line.startsWith("+")) return DIFF_ADD;
  if (line.startsWith("-")) return DIFF_DEL;
  return plain;
}

const more = (n: number): StyledLine => [{ text: `  … ${n} more line${n === 1 ? "" : "s"} (ctrl+o)`, style: HINT }];

/**
 * The block's lines at `width`. `toolLines` is how many output lines show collapsed; folding
 * would hide a single line, that line is shown instead of a "1 more line" note.
 */
export function toolBlock(b: Block, width: number, expand: boolean, toolLines = DEFAULT_TOOL_LINES): StyledLine[] {
  const status = toolStatus(b);
  const name = typeof b.metadata.name === "string" ? b.metadata.name : typeof b.metadata.tool === "string" ? b.metadata.tool : "tool";
  const header: StyledLine = [{ text: " " + name, style: TOOL_NAME }];
  const summary = argsSummary(b.metadata);
  const room = width - name.length - 2;
  if (summary !== "" && room > 1) header.push({ text: " " + truncate(summary, room), style: TOOL_ARGS });
  const out: StyledLine[] = [header];
  const body = b.text.replace(/\n+$/, "");
  if (body !== "") {
    const all = body.split("\n");
    const diffAt = diffStart(all);
    const plain = status === "error" ? TOOL_ERR : TOOL_OUT;
    const styleOf = (i: number, l: string): Style => (diffAt >= 0 && i >= diffAt ? diffStyle(l, plain) : plain);
    let shown = all.map((l, i) => ({ l, style: styleOf(i, l) }));
    let below = 0;
    // Folded, blank lines are not worth a row: bash's blank line before "exit code: 0" would
    // otherwise take one of two rows and hide the output's last line.
    const filled = diffAt >= 0 ? all.length : all.reduce((n, l) => (l.trim() === "" ? n : n + 1), 0);
    if (!expand && filled > toolLines + 1) {
      if (diffAt >= 0) {
        // The diff from its first hunk, then a note for the rest.
        const hunk = all.findIndex((l, i) => i > diffAt && l.startsWith("@@"));
        const take = all.length - hunk - toolLines === 1 ? toolLines + 1 : toolLines;
        shown = shown.slice(hunk, hunk + take);
        below = all.length - hunk - shown.length;
      } else {
        out.push(more(filled - toolLines));
        shown = toolLines === 0 ? [] : shown.filter(({ l }) => l.trim() !== "").slice(-toolLines);
      }
    }
    const room = Math.max(1, width - 2);
    // Collapsed, each line keeps to one row, so a huge one-line output stays a few rows tall.
    if (expand) for (const { l, style } of shown) for (const w of wrapSpans([{ text: l, style }], room)) out.push([{ text: "  " }, ...w]);
    else for (const { l, style } of shown) out.push(l === "" ? [{ text: "  " }] : [{ text: "  " }, { text: truncate(l.replace(/\t/g, "    "), room), style }]);
    if (below > 0) out.push(more(below));
  }
  const bg = TOOL_BG[status];
  return out.map((l) => padLine(withBackground(l, bg), width, { bg }));
}
