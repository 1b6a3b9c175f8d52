// The transcript: blocks stacked bottom-up, scrolled `window.scroll` rows up from the bottom. Work
// is bounded by what is visible: block lines are cached per (id, rev, width, flags) within a byte
// budget, and each block's row count is kept in a height index per width, so a frame at any depth
// checks the heights below the view (a rev comparison each) and renders only the visible blocks.
import type { Block } from "../../engine/kernel/block.js";
import type { BlockLog } from "../../engine/kernel/block-log.js";
import { BlockLineCache } from "./block-line-cache.js";
import { BlockHeights } from "./block-heights.js";
import { RowIndex, type Shown } from "./row-index.js";
import { blockDigest, ScreenSeed, type SavedBlock, type SavedScreen } from "./saved-screen.js";
import { StreamingBlocks } from "./streaming-blocks.js";
import { DEFAULT_TOOL_LINES } from "./tool-block.js";
import { blockKind, renderBlock, THINKING_STYLE, type BlockFlags } from "./transcript-blocks.js";
import { BlockAnnotator } from "./transcript-marks.js";
import type { BlockHook } from "./transcript-render-hook.js";
import type { RenderInput, RenderOutput, StyledLine, WindowRenderer } from "./window-renderer.js";
import type { Style } from "../../engine/kernel/style.js";
import { truncate } from "../text-helpers.js";
import { textWidth } from "../text-measure.js";
import { wrapSpans } from "../wrap-text.js";

/** The flags a transcript window's vars select (`show_thinking`, `expand_tools`). */
export function blockFlags(vars: Record<string, unknown>): BlockFlags {
  const n = vars.tool_lines;
  const toolLines = typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : DEFAULT_TOOL_LINES;
  return { showThinking: vars.show_thinking !== false, expandTools: vars.expand_tools === true, toolLines };
}

/** The flags as a cache key part. */
export const flagKey = (f: BlockFlags): string => `${f.showThinking ? 1 : 0}${f.expandTools ? 1 : 0}${f.toolLines}`;

/** A block's key in the line cache: blocks of several transcript buffers share it. */
const cacheId = (buffer: string, b: Block): string => `${buffer}\u0000${b.id}`;

/** Lines of the largest block `newestScreen` saves. */
export const SAVED_BLOCK_LINES = 2000;

type SyncedIndex = { synced: (blocks: readonly Block[], log: BlockLog) => RowIndex };

/** Stock renderer of the transcript role; guards its block cache. */
export class TranscriptRenderer implements WindowRenderer {
  /** Block renders that missed the cache (what tests count to prove bounded work). */
  blockRenders = 0;
  /** Largest scroll that still shows content, from the last render that reached the top; else null. */
  lastMaxScroll: number | null = null;
  readonly cache: BlockLineCache;
  // Streaming assistant and thinking blocks: what their last render keeps, so a delta renders the tail.
  private readonly live = new StreamingBlocks();
  private readonly heights = new Map<string, BlockHeights>();
  private readonly rows = new Map<string, SyncedIndex>();
  // Extmarks placed in blocks: drawn over the cached block lines as a separate step.
  private readonly annotator = new BlockAnnotator();
  // `transcript_render` handlers (set by the app): asked first on every cache miss.
  private hook: BlockHook | undefined;
  // The newest screenful saved by the last run (`--resume`'s first frame), asked on a cache miss.
  private seed: ScreenSeed | undefined;

  constructor(cacheBytes?: number) {
    this.cache = new BlockLineCache(cacheBytes);
  }

  /** Installs the hook that lets handlers draw blocks; cached lines keyed by its handler set. */
  setHook(hook: BlockHook | undefined): void {
    this.hook = hook;
  }

  /** A block's lines, from the cache when its id, rev, width, flags and handler set match. */
  blockLines(buffer: string, b: Block, width: number, flags: BlockFlags): StyledLine[] {
    const hooked = this.hook?.key() ?? null;
    const key = hooked === null ? flagKey(flags) : flagKey(flags) + hooked;
    const id = cacheId(buffer, b);
    const hit = this.cache.get(id, b.rev, width, key);
    if (hit !== undefined) return hit;
    const saved = hooked === null ? this.seed?.lines(b, width, key) : undefined;
    if (saved !== undefined) {
      this.cache.set(id, b.rev, width, key, saved);
      return saved;
    }
    this.blockRenders++;
    const lines = (hooked !== null ? this.hook!.lines(buffer, b, width, flags) : undefined) ?? this.render1(id, b, width, flags);
    this.cache.set(id, b.rev, width, key, lines);
    return lines;
  }

  /** Lines saved by an earlier run that cache misses use before rendering (undefined: none). */
  setSeed(screen: SavedScreen | undefined): void {
    this.seed = screen === undefined ? undefined : new ScreenSeed(screen);
  }

  /**
   * The newest blocks' lines covering twice `height` rows at `width`, as drawn: only lines already
   * in the cache (this runs as the process exits, so nothing is rendered here), streaming blocks
   * and blocks `keep` refuses left out; undefined while `transcript_render` handlers draw blocks.
   */
  newestScreen(buffer: string, blocks: readonly Block[], width: number, flags: BlockFlags, height: number, build: string,
    keep: (b: Block) => boolean = () => true): SavedScreen | undefined {
    if (this.hook?.key() != null) return undefined;
    const key = flagKey(flags);
    const saved: SavedBlock[] = [];
    let rows = 0;
    // Twice the height: the view measures a block past the rows it shows, and the next terminal may be taller.
    for (let i = blocks.length - 1; i >= 0 && rows < 2 * height; i--) {
      const b = blocks[i]!;
      const lines = b.streaming ? undefined : this.cache.get(cacheId(buffer, b), b.rev, width, key);
      // A huge block (a long code answer) is cheaper to render again than to read back whole.
      if (lines !== undefined && lines.length > SAVED_BLOCK_LINES) break;
      if (lines === undefined || !keep(b)) {
        rows += 2; // unknown height: at least a row and its separator
        continue;
      }
      const digest = blockDigest(b);
      if (digest === undefined) continue;
      if (lines.length > 0) rows += lines.length + 1;
      saved.push({ digest, lines });
    }
    return { version: 1, build, width, flags: key, blocks: saved.reverse() };
  }

  /** Renders one block; a streaming block renders from what was appended since its last render. */
  private render1(id: string, b: Block, width: number, flags: BlockFlags): StyledLine[] {
    const kind = blockKind(b);
    const live = b.streaming || this.live.has(id);
    if (kind === "assistant" && live) return this.live.assistant(id, b, Math.max(1, width));
    if (kind === "thinking" && live && flags.showThinking) return this.live.thinking(id, b, Math.max(1, width), THINKING_STYLE);
    return renderBlock(b, width, flags);
  }

  /** The row index of a buffer at a width and flags (a few kept: one per transcript window). */
  private rowIndex(buffer: string, width: number, flags: BlockFlags): SyncedIndex {
    const key = `${buffer}\u0000${width}\u0000${flagKey(flags)}${this.hook?.key() ?? ""}`;
    let r = this.rows.get(key);
    if (r === undefined) {
      if (this.rows.size >= 4) this.rows.delete(this.rows.keys().next().value as string);
      const index = new RowIndex((b) => this.blockLines(buffer, b, width, flags).length);
      this.rows.set(key, (r = { synced: (blocks, log) => (index.sync(blocks, log), index) }));
    }
    return r;
  }

  /** The height index of a buffer at a width and flags (a few kept: one per transcript window). */
  private index(buffer: string, width: number, flags: BlockFlags): BlockHeights {
    const key = `${buffer}\u0000${width}\u0000${flagKey(flags)}${this.hook?.key() ?? ""}`;
    let h = this.heights.get(key);
    if (h === undefined) {
      if (this.heights.size >= 4) this.heights.delete(this.heights.keys().next().value as string);
      this.heights.set(key, (h = new BlockHeights(buffer, width, flagKey(flags))));
    }
    return h;
  }

  /** The rows visible at `window.scroll`: heights walked from the newest block up, visible blocks drawn. */
  render(input: RenderInput): RenderOutput {
    const { width, height } = input;
    // Text an extension set (buf.set_text("transcript", ...)) shows instead of the blocks, as the
    // original's transcript override did; the stock chat writes only blocks.
    if (input.buffer.text !== "") return { lines: wrapSpans([{ text: input.buffer.text }], width).slice(-height) };
    const blocks = input.buffer.blocks;
    const flags = blockFlags(input.window.vars);
    let idx: BlockHeights | undefined;
    const linesOf = (i: number) => this.annotator.annotate(input.buffer.name, blocks[i]!, this.blockLines(input.buffer.name, blocks[i]!, width, flags), width, flags, input.marks);
    // A block with marks may have virtual lines: its height is its annotated lines' (cached too).
    const marked = (i: number) => input.marks !== undefined && input.marks.blockVersion(blocks[i]!.id) > 0;
    const rowsOf = (i: number) => (marked(i) ? linesOf(i).length : (idx ??= this.index(input.buffer.name, width, flags)).rows(i, blocks[i]!, () => this.blockLines(input.buffer.name, blocks[i]!, width, flags).length));
    const wanted = Math.max(0, Math.floor(input.window.scroll || 0));
    // Without marks on blocks, the row index answers from the block log in O(log n); blocks with
    // marks may have virtual lines, so those buffers take the walk up from the newest block.
    const log = input.buffer.blockLog;
    const view = input.marks === undefined && log !== undefined
      ? this.rowIndex(input.buffer.name, width, flags).synced(blocks, log).view(blocks, wanted, height)
      : walkUp(blocks.length, rowsOf, wanted, height);
    const { shown, scroll } = view;
    this.lastMaxScroll = view.reachedTop ? Math.max(0, view.rows - height) : null;
    // Rows [scroll, scroll + height) counted from the bottom, drawn top-down.
    const top = scroll + height;
    const lines: StyledLine[] = [];
    for (const s of shown) {
      if (s.below >= top || s.below + s.n <= scroll) {
        // Only the separator row above this block may be visible.
        if (s.above && s.below + s.n >= scroll && s.below + s.n < top) lines.push([]);
        continue;
      }
      if (s.above && s.below + s.n < top) lines.push([]);
      const all = linesOf(s.i);
      const from = Math.max(0, s.below + s.n - top);
      const to = s.n - Math.max(0, scroll - s.below);
      for (let r = from; r < to; r++) lines.push(all[r]!);
    }
    // Bottom-anchored: when the blocks do not fill the window, empty rows go on top.
    const pad = height - lines.length;
    const out = pad > 0 ? [...Array.from({ length: pad }, (): StyledLine => []), ...lines] : lines;
    // Scrolled up (window var scroll_marker, which the stock chat sets), the bottom row says so (and how far the newest row is); pagedown moves a page
    // less one row, so the row under the marker is the next page's top.
    if (scroll > 0 && height > 1 && input.window.vars.scroll_marker === true) out[out.length - 1] = scrollMarker(scroll + 1, width);
    return { lines: out };
  }
}

const MARKER_STYLE: Style = Object.freeze({ fg: "muted" });

/** The bottom row of a transcript scrolled up: `↓ N rows below · pgdn`, right-aligned. */
export function scrollMarker(rowsBelow: number, width: number): StyledLine {
  const text = truncate(`↓ ${rowsBelow.toLocaleString("en-US")} ${rowsBelow === 1 ? "row" : "rows"} below · pgdn`, Math.max(1, width - 1));
  return [{ text: " ".repeat(Math.max(0, width - 1 - textWidth(text))) }, { text, style: MARKER_STYLE }];
}

/**
 * The blocks showing rows [scroll, scroll + height), top first, by walking up from the newest
 * block until the rows cover the view (`below`: rows under a block's last line).
 */
function walkUp(count: number, rowsOf: (i: number) => number, wanted: number, height: number): { shown: Shown[]; scroll: number; reachedTop: boolean; rows: number } {
  const up: Shown[] = [];
  let rows = 0;
  let i = count - 1;
  for (; i >= 0 && rows < height + wanted; i--) {
    const n = rowsOf(i);
    if (n === 0) continue;
    if (up.length > 0) { rows += 1; up[up.length - 1]!.above = true; }
    up.push({ i, below: rows, n, above: false });
    rows += n;
  }
  const reachedTop = i < 0;
  return { shown: up.reverse(), scroll: reachedTop ? Math.min(wanted, Math.max(0, rows - height)) : wanted, reachedTop, rows };
}
