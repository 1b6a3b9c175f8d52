// Turning the partial block tables extensions and the host hand us into complete Block records.
import type { Block } from "./block.js";
import { isRecord } from "./is-record.js";

/** Keys whose presence makes an appended table a block rather than text (lua-api.md `append`). */
const BLOCK_KEYS = ["kind", "role", "id", "created_at", "streaming"] as const;

/** True when value is a table that `append` treats as a block. */
export function isBlockLike(value: unknown): value is Partial<Block> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return BLOCK_KEYS.some((k) => (value as Record<string, unknown>)[k] !== undefined);
}

/** A complete block from a partial one; the id comes from newId when missing. */
export function normalizeBlock(b: Partial<Block>, index: number, rev: number, newId: () => string, now: number): Block {
  return {
    id: typeof b.id === "string" && b.id !== "" ? b.id : b.id !== undefined && b.id !== null ? String(b.id) : newId(),
    kind: typeof b.kind === "string" ? b.kind : "message",
    role: typeof b.role === "string" ? b.role : "",
    text: typeof b.text === "string" ? b.text : b.text === undefined || b.text === null ? "" : String(b.text),
    index,
    created_at: typeof b.created_at === "number" ? b.created_at : now,
    streaming: b.streaming === true,
    metadata: isRecord(b.metadata) ? { ...b.metadata } : {},
    rev,
  };
}

/** A copy safe to hand out: changing it does not change the store. */
export function copyBlock(b: Block): Block {
  return { ...b, metadata: { ...b.metadata } };
}

