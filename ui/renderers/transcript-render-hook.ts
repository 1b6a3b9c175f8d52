// The `transcript_render` event: before the stock renderer lays out a transcript block, handlers
// may draw it their own way. The event is emitted only on a cache miss (a new block version, width
// or flags), so a handler costs one call per changed block, never one per frame.
import type { Block } from "../../engine/kernel/block.js";
import type { Runtime } from "../../engine/kernel/runtime.js";
import type { BlockFlags } from "./transcript-blocks.js";
import type { StyledLine } from "./window-renderer.js";

/** The event's name. */
export const TRANSCRIPT_RENDER = "transcript_render";

/** Lets handlers replace the stock lines of a block. */
export type BlockHook = {
  /** Part of the cache key while handlers exist (changes when they change); null without handlers. */
  key(): string | null;
  /** The handlers' lines for the block, or undefined: the stock rendering draws it. */
  lines(buffer: string, b: Block, width: number, flags: BlockFlags): StyledLine[] | undefined;
};

/** The hook that emits `transcript_render` on rt; a handler's lines arrive in `data.lines`. */
export function transcriptRenderHook(rt: Runtime): BlockHook {
  return {
    key: () => (rt.events.count(TRANSCRIPT_RENDER) === 0 ? null : `h${rt.events.generation(TRANSCRIPT_RENDER)}`),
    lines: (buffer, b, width, flags) => {
      const block = { id: b.id, kind: b.kind, role: b.role, text: b.text, index: b.index, created_at: b.created_at, streaming: b.streaming, metadata: b.metadata };
      const data: Record<string, unknown> = { buffer, width, block, show_thinking: flags.showThinking, expand_tools: flags.expandTools };
      rt.emit(TRANSCRIPT_RENDER, data);
      return Array.isArray(data.lines) ? (data.lines as StyledLine[]) : undefined;
    },
  };
}
