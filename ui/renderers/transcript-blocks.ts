// One transcript block -> its lines at a width. Pure; the transcript renderer caches the result
// per (block id, rev, width, flags).
import type { Block } from "../../engine/kernel/block.js";
import type { Style } from "../../engine/kernel/style.js";
import { renderMarkdown } from "../markdown.js";
import { truncate } from "../text-helpers.js";
import { wrapGrowing } from "../wrap-growing.js";
import { wrapSpans, type StyledLine } from "../wrap-text.js";
import { padLine, withBackground } from "./window-renderer.js";

/** Window vars of the transcript that change how blocks render. */
export type BlockFlags = { showThinking: boolean; expandTools: boolean };

/** Tool output lines shown while collapsed (the last ones). */
export const TOOL_PREVIEW_LINES = 5;

export type ToolStatus = "pending" | "success" | "error";

const USER: Style = Object.freeze({ bg: "userMessageBg" });
const CUSTOM: Style = Object.freeze({ bg: "customMessageBg" });
const THINKING: Style = Object.freeze({ fg: "thinkingText", italic: true });
const SYSTEM: Style = Object.freeze({ fg: "muted" });
const ERROR: Style = Object.freeze({ fg: "error" });
const TOOL_NAME: Style = Object.freeze({ bold: true });
const TOOL_ARGS: Style = Object.freeze({ fg: "muted" });
const TOOL_OUT: Style = Object.freeze({ fg: "text" });
const TOOL_ERR: Style = Object.freeze({ fg: "error" });
const HINT: Style = Object.freeze({ fg: "dim", italic: true });
const TOOL_BG: Record<ToolStatus, string> = { pending: "toolPendingBg", success: "toolSuccessBg", error: "toolErrorBg" };

/** What a block is drawn as: `thinking`, `tool`, `error` by kind, else `user`/`assistant`/`system` by role. */
export function blockKind(b: Block): string {
  if (b.kind === "thinking" || b.kind === "tool" || b.kind === "error") return b.kind;
  if (b.role === "user" || b.role === "assistant" || b.role === "system") return b.role;
  return b.kind === "message" || b.kind === "" ? b.role : b.kind;
}

/** A tool block's state: metadata.status, else is_error, else pending while streaming. */
export function toolStatus(b: Block): ToolStatus {
  const s = b.metadata.status;
  if (s === "pending" || s === "running") return "pending";
  if (s === "error" || b.metadata.is_error === true || b.metadata.isError === true) return "error";
  if (s === "success" || s === "done") return "success";
  return b.streaming ? "pending" : "success";
}

const SUMMARY_KEYS = ["command", "path", "file_path", "pattern", "query", "url", "file"];

/** A short one-line view of a tool's arguments (`metadata.arguments` or `arguments_json`). */
export function argsSummary(meta: Record<string, unknown>): string {
  let args = meta.arguments;
  if (args === undefined && typeof meta.arguments_json === "string") {
    try { args = JSON.parse(meta.arguments_json); } catch { return meta.arguments_json; }
  }
  if (args === undefined || args === null) return "";
  if (typeof args !== "object") return String(args);
  const rec = args as Record<string, unknown>;
  for (const k of SUMMARY_KEYS) if (typeof rec[k] === "string") return (rec[k] as string).replace(/\s*\n\s*/g, " ");
  return JSON.stringify(args);
}

function toolBlock(b: Block, width: number, expand: boolean): StyledLine[] {
  const status = toolStatus(b);
  const name = typeof b.metadata.name === "string" ? b.metadata.name : typeof b.metadata.tool === "string" ? b.metadata.tool : "tool";
  const header: StyledLine = [{ text: " " + name, style: TOOL_NAME }];
  const summary = argsSummary(b.metadata);
  const room = width - name.length - 2;
  if (summary !== "" && room > 1) header.push({ text: " " + truncate(summary, room), style: TOOL_ARGS });
  const out: StyledLine[] = [header];
  const body = b.text.replace(/\n+$/, "");
  if (body !== "") {
    let lines = body.split("\n");
    if (!expand && lines.length > TOOL_PREVIEW_LINES) {
      const hidden = lines.length - TOOL_PREVIEW_LINES;
      out.push([{ text: `  … ${hidden} more line${hidden === 1 ? "" : "s"} (ctrl+o)`, style: HINT }]);
      lines = lines.slice(-TOOL_PREVIEW_LINES);
    }
    const style = status === "error" ? TOOL_ERR : TOOL_OUT;
    const room = Math.max(1, width - 2);
    // Collapsed, each line keeps to one row, so a huge one-line output stays a few rows tall.
    if (expand) for (const l of lines) for (const w of wrapSpans([{ text: l, style }], room)) out.push([{ text: "  " }, ...w]);
    else for (const l of lines) out.push(l === "" ? [{ text: "  " }] : [{ text: "  " }, { text: truncate(l.replace(/\t/g, "    "), room), style }]);
  }
  const bg = TOOL_BG[status];
  return out.map((l) => padLine(withBackground(l, bg), width, { bg }));
}

/** Markdown to lines; the transcript passes an incremental one for streaming blocks. */
export type MarkdownFn = (text: string, width: number) => StyledLine[];

/** Plain text to wrapped lines (trailing newlines dropped); incremental for streaming blocks. */
export type PlainFn = (text: string, width: number, style: Style) => StyledLine[];

const plainWrap: PlainFn = (text, width, style) => wrapGrowing(text, width, style, "all").lines;

/** A block's lines at `width` (empty when the block draws nothing, like hidden thinking). */
export function renderBlock(b: Block, width: number, flags: BlockFlags, markdown: MarkdownFn = renderMarkdown, plain: PlainFn = plainWrap): StyledLine[] {
  const w = Math.max(1, width);
  switch (blockKind(b)) {
    case "user":
      return wrapSpans([{ text: b.text }], Math.max(1, w - 2)).map((l) => padLine([{ text: " ", style: USER }, ...withBackground(l, "userMessageBg")], w, USER));
    case "assistant":
      return b.text.trim() === "" ? [] : markdown(b.text, w);
    case "thinking":
      return !flags.showThinking || !/\S/.test(b.text) ? [] : plain(b.text, w, THINKING);
    case "tool":
      return toolBlock(b, w, flags.expandTools);
    case "system":
      return b.text === "" ? [] : wrapSpans([{ text: b.text, style: SYSTEM }], w);
    case "error":
      return wrapSpans([{ text: b.text, style: ERROR }], w);
    case "custom":
      return wrapSpans([{ text: b.text }], Math.max(1, w - 2)).map((l) => padLine([{ text: " ", style: CUSTOM }, ...withBackground(l, "customMessageBg")], w, CUSTOM));
    default:
      return b.text === "" ? [] : wrapSpans([{ text: b.text }], w);
  }
}
