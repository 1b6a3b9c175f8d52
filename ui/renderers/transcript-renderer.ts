// The transcript: blocks stacked bottom-up, scrolled `window.scroll` rows up from the bottom. Work
// is bounded by what is visible: block lines are cached per (id, rev, width, flags) and blocks are
// walked from the newest upwards only until the viewport (plus the scroll) is filled.
import type { Block } from "../../engine/kernel/block.js";
import { renderMarkdownStreaming, type MarkdownMemo } from "../markdown-stream.js";
import { blockKind, renderBlock, type BlockFlags } from "./transcript-blocks.js";
import type { RenderInput, RenderOutput, StyledLine, WindowRenderer } from "./window-renderer.js";

type Entry = { rev: number; width: number; flags: string; lines: StyledLine[] };

/** Cached blocks kept; older entries are dropped first (they are the ones scrolled far away). */
export const BLOCK_CACHE_MAX = 2000;

/** The flags a transcript window's vars select (`show_thinking`, `expand_tools`). */
export function blockFlags(vars: Record<string, unknown>): BlockFlags {
  return { showThinking: vars.show_thinking !== false, expandTools: vars.expand_tools === true };
}

/** Stock renderer of the transcript role; guards its block cache. */
export class TranscriptRenderer implements WindowRenderer {
  /** Block renders that missed the cache (what tests count to prove bounded work). */
  blockRenders = 0;
  /** Largest scroll that still shows content, from the last render that reached the top; else null. */
  lastMaxScroll: number | null = null;
  private readonly cache = new Map<string, Entry>();
  // Streaming assistant blocks only: their settled markdown blocks, so a delta renders the tail.
  private readonly streaming = new Map<string, MarkdownMemo>();

  /** A block's lines, from the cache when its id, rev, width and flags match. */
  blockLines(buffer: string, b: Block, width: number, flags: BlockFlags): StyledLine[] {
    const key = `${flags.showThinking ? 1 : 0}${flags.expandTools ? 1 : 0}`;
    const id = `${buffer}\u0000${b.id}`;
    const hit = this.cache.get(id);
    if (hit !== undefined && hit.rev === b.rev && hit.width === width && hit.flags === key) {
      // Re-insert so the map's order is least recently used first.
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit.lines;
    }
    this.blockRenders++;
    const lines = this.render1(id, b, width, flags);
    this.cache.delete(id);
    this.cache.set(id, { rev: b.rev, width, flags: key, lines });
    if (this.cache.size > BLOCK_CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);
    return lines;
  }

  /** Renders one block; a streaming assistant block reuses its settled markdown blocks. */
  private render1(id: string, b: Block, width: number, flags: BlockFlags): StyledLine[] {
    const memo = this.streaming.get(id);
    if (blockKind(b) !== "assistant" || (!b.streaming && memo === undefined)) return renderBlock(b, width, flags);
    const lines = renderBlock(b, width, flags, (text, w) => {
      const out = renderMarkdownStreaming(text, w, memo);
      if (this.streaming.size > 16) this.streaming.clear(); // blocks deleted mid-stream
      this.streaming.set(id, out.memo);
      return out.lines;
    });
    if (!b.streaming) this.streaming.delete(id);
    return lines;
  }

  /** The rows visible at `window.scroll`, walking blocks from the newest up until they fill. */
  render(input: RenderInput): RenderOutput {
    const { width, height } = input;
    const blocks = input.buffer.blocks;
    const flags = blockFlags(input.window.vars);
    let scroll = Math.max(0, Math.floor(input.window.scroll || 0));
    const need = height + scroll;
    // Segments from the bottom up; one empty row separates neighbouring non-empty blocks.
    const segments: StyledLine[][] = [];
    let rows = 0;
    let i = blocks.length - 1;
    for (; i >= 0 && rows < need; i--) {
      const lines = this.blockLines(input.buffer.name, blocks[i]!, width, flags);
      if (lines.length === 0) continue;
      if (segments.length > 0) { segments.push([[]]); rows += 1; }
      segments.push(lines);
      rows += lines.length;
    }
    const reachedTop = i < 0;
    this.lastMaxScroll = reachedTop ? Math.max(0, rows - height) : null;
    if (reachedTop) scroll = Math.min(scroll, Math.max(0, rows - height));
    // Rows [rows - scroll - height, rows - scroll) of the stacked segments, counted from the top.
    const all: StyledLine[] = [];
    for (let s = segments.length - 1; s >= 0; s--) for (const l of segments[s]!) all.push(l);
    const end = all.length - scroll;
    const start = Math.max(0, end - height);
    const visible = all.slice(start, end);
    // Bottom-anchored: when the blocks do not fill the window, empty rows go on top.
    const lines: StyledLine[] = [];
    for (let k = visible.length; k < height; k++) lines.push([]);
    for (const l of visible) lines.push(l);
    return { lines };
  }
}
