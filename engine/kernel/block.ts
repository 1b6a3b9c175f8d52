/**
 * A structured block of a buffer: transcript messages, tool calls, thinking. `index` is the
 * block's 0-based position (renumbered on every set_blocks). `rev` increases on every change so
 * renderers can cache per block; it is not shown to Lua.
 */
export type Block = {
  id: string;
  kind: string;
  role: string;
  text: string;
  index: number;
  created_at: number;
  streaming: boolean;
  metadata: Record<string, unknown>;
  rev: number;
};
