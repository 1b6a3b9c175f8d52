// One transcript block -> its lines at a width. Pure; the transcript renderer caches the result
// per (block id, rev, width, flags).
import type { Block } from "../../engine/kernel/block.js";
import type { Style } from "../../engine/kernel/style.js";
import { renderMarkdown } from "../markdown.js";
import { truncate } from "../text-helpers.js";
import { wrapGrowing } from "../wrap-growing.js";
import { wrapHanging } from "../hanging-wrap.js";
import type { StyledLine } from "../wrap-text.js";
import { toolBlock } from "./tool-block.js";
import { padLine, withBackground } from "./window-renderer.js";

export { argsSummary, toolStatus, type ToolStatus } from "./tool-block.js";

/** Window vars of the transcript that change how blocks render (`toolLines`: collapsed tool output lines). */
export type BlockFlags = { showThinking: boolean; expandTools: boolean; toolLines: number };

const USER: Style = Object.freeze({ bg: "userMessageBg" });
const CUSTOM: Style = Object.freeze({ bg: "customMessageBg" });
const THINKING: Style = Object.freeze({ fg: "thinkingText", italic: true });
/** The style of thinking text. */
export const THINKING_STYLE = THINKING;
const THINKING_HIDDEN: Style = Object.freeze({ fg: "dim", italic: true });
/** The line a thinking block shows while thinking is hidden. */
export const THINKING_MARKER = "▸ thinking (ctrl+t shows it)";
const SYSTEM: Style = Object.freeze({ fg: "muted" });
const ERROR: Style = Object.freeze({ fg: "error" });

/** What a block is drawn as: `thinking`, `tool`, `error` by kind, else `user`/`assistant`/`system` by role. */
export function blockKind(b: Block): string {
  if (b.kind === "thinking" || b.kind === "tool" || b.kind === "error") return b.kind;
  if (b.role === "user" || b.role === "assistant" || b.role === "system") return b.role;
  return b.kind === "message" || b.kind === "" ? b.role : b.kind;
}


/** A block's lines at `width` (empty when the block draws nothing, like hidden thinking). */
export function renderBlock(b: Block, width: number, flags: BlockFlags): StyledLine[] {
  const w = Math.max(1, width);
  switch (blockKind(b)) {
    case "user":
      return wrapHanging(b.text, Math.max(1, w - 2)).map((l) => padLine([{ text: " ", style: USER }, ...withBackground(l, "userMessageBg")], w, USER));
    case "assistant":
      return b.text.trim() === "" ? [] : renderMarkdown(b.text, w);
    case "thinking":
      if (!/\S/.test(b.text)) return [];
      // Hidden thinking still leaves one line, so the reader knows the model thought (and how to see it).
      return flags.showThinking ? wrapGrowing(b.text, w, THINKING, "all").lines : [[{ text: truncate(THINKING_MARKER, w), style: THINKING_HIDDEN }]];
    case "tool":
      return toolBlock(b, w, flags.expandTools, flags.toolLines);
    case "system":
      if (b.text === "") return [];
      // A compaction summary (a resumed session's): its header as a system line, the summary
      // itself the model's markdown, drawn as an answer is.
      if (b.metadata.compaction === true) {
        const [head, ...body] = b.text.split("\n");
        const md = body.join("\n");
        return [...wrapHanging(head!, w, SYSTEM), ...(md.trim() === "" ? [] : renderMarkdown(md, w))];
      }
      return wrapHanging(b.text, w, SYSTEM);
    case "error":
      return wrapHanging(b.text, w, ERROR);
    case "custom":
      return wrapHanging(b.text, Math.max(1, w - 2)).map((l) => padLine([{ text: " ", style: CUSTOM }, ...withBackground(l, "customMessageBg")], w, CUSTOM));
    default:
      return b.text === "" ? [] : wrapHanging(b.text, w);
  }
}
