// The blocks a stream is writing, rendered from what was appended since their last render: an
// assistant message through incremental markdown, thinking text through growing wraps. The
// block's append log (engine/kernel/append-log.ts) hands over only the new text, so a delta
// costs what it touches however big the block is; a block whose text changed otherwise (or that
// has no log) is read whole, reusing what the memo can.
import { appendedSince, textSeen, type TextSeen } from "../../engine/kernel/append-log.js";
import type { Block } from "../../engine/kernel/block.js";
import type { Style } from "../../engine/kernel/style.js";
import { renderMarkdownStreaming, type MarkdownMemo } from "../markdown-stream.js";
import type { StreamText } from "../stream-text.js";
import { wrapGrowing, type GrowMemo } from "../wrap-growing.js";
import type { StyledLine } from "../wrap-text.js";

type Entry<M> = { memo: M; seen: TextSeen | undefined };

// Blocks deleted mid-stream leave entries: past this many, all are dropped (a stream re-reads once).
const MAX_ENTRIES = 16;

/** Per streaming block (by key): its last render's memo and where it had read the text. */
class Memos<M> {
  private readonly map = new Map<string, Entry<M>>();

  /**
   * Renders `b` with `fn` given its text as appended since the last render (or whole), unless
   * the text is blank (`blank` tells from the whole text): then [] and nothing is kept.
   */
  render(key: string, b: Block, blank: (text: string) => boolean, fn: (text: StreamText, memo: M | undefined) => { lines: StyledLine[]; memo: M }): StyledLine[] {
    const entry = this.map.get(key);
    const since = entry === undefined ? undefined : appendedSince(b, entry.seen);
    // A kept entry was made from text that was not blank, and appending keeps it so.
    if (since === undefined && blank(b.text)) {
      if (!b.streaming) this.map.delete(key);
      return [];
    }
    const out = fn(since === undefined ? b.text : { appended: since.text, whole: () => b.text }, entry?.memo);
    if (this.map.size > MAX_ENTRIES) this.map.clear();
    this.map.set(key, { memo: out.memo, seen: since?.seen ?? textSeen(b) });
    if (!b.streaming) this.map.delete(key);
    return out.lines;
  }

  /** Whether a render of `key` is remembered. */
  has(key: string): boolean {
    return this.map.has(key);
  }
}

/** Streaming assistant messages and thinking blocks of the transcript, rendered incrementally. */
export class StreamingBlocks {
  private readonly markdown = new Memos<MarkdownMemo>();
  private readonly plain = new Memos<GrowMemo>();

  /** Whether `key` has a remembered render (a block that was streaming when last drawn). */
  has(key: string): boolean {
    return this.markdown.has(key) || this.plain.has(key);
  }

  /** An assistant message's markdown lines at `width` (renderMarkdown's, [] when blank). */
  assistant(key: string, b: Block, width: number): StyledLine[] {
    return this.markdown.render(key, b, (t) => t.trim() === "", (text, memo) => renderMarkdownStreaming(text, width, memo));
  }

  /** Thinking text wrapped at `width` in `style` (trailing newlines dropped; [] when blank). */
  thinking(key: string, b: Block, width: number, style: Style): StyledLine[] {
    return this.plain.render(key, b, (t) => !/\S/.test(t), (text, memo) => wrapGrowing(text, width, style, "all", memo));
  }
}
