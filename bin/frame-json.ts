// The `render --format json` record: window rectangles, the frame's lines, every buffer, errors.
import type { BufferRecord } from "../engine/kernel/buffer-store.js";
import type { Runtime } from "../engine/kernel/runtime.js";
import { markDetails } from "../lua/extmark-opts.js";

/** One window in the record. */
export type FrameWindow = {
  x: number; y: number; width: number; height: number;
  content: { x: number; y: number; width: number; height: number };
  role: string; buffer: string; renderer: string; visible: boolean;
};

/** The `--format json` record (docs/cli.md). */
export type FrameJson = {
  width: number;
  height: number;
  focus: string;
  /** The responsive layout variant in force (1-based, as layout.get() reports it), null for the base tree. */
  variant: number | null;
  cursor: { row: number; col: number };
  windows: Record<string, FrameWindow>;
  lines: string[];
  buffers: Record<string, { text: string; cursor: number; label: string; metadata: Record<string, unknown>; blocks: Record<string, unknown>[]; marks: Record<string, unknown>[] }>;
  errors: { owner: string; where: string; message: string; traceback?: string }[];
};

/** Every extmark of a buffer (its text's, then each block's), as `get_extmarks` details tables. */
function bufferMarks(rt: Runtime, b: BufferRecord): Record<string, unknown>[] {
  const all = (block: string) => rt.buffers.marks.list(b, -1, { line: 0, col: 0 }, { line: -1, col: -1 }, block);
  return [...all(""), ...[...(b.marks?.blocks.keys() ?? [])].flatMap(all)].map(markDetails);
}

/** The record for the frame `lines` just painted from `rt`; `cursor` null means hidden. */
export function frameJson(rt: Runtime, lines: string[], cursor: { row: number; col: number } | null): FrameJson {
  const windows: Record<string, FrameWindow> = {};
  for (const name of rt.windows.list()) {
    const w = rt.windows.get(name)!;
    const b = w.box;
    windows[name] = {
      x: b.x, y: b.y, width: b.width, height: b.height, content: { ...b.content },
      role: w.role, buffer: w.buffer, renderer: w.renderer, visible: b.visible,
    };
  }
  const buffers: FrameJson["buffers"] = {};
  for (const name of rt.buffers.list()) {
    const b = rt.buffers.get(name)!;
    buffers[name] = {
      text: b.text, cursor: b.cursor, label: b.label, metadata: b.metadata,
      blocks: b.blocks.map(({ rev: _rev, ...block }) => block),
      marks: bufferMarks(rt, b),
    };
  }
  return {
    width: rt.width, height: rt.height, focus: rt.focus, variant: rt.layout.variant < 0 ? null : rt.layout.variant + 1,
    cursor: cursor ?? { row: -1, col: -1 },
    windows, lines, buffers,
    errors: rt.errors.map((e) => ({ owner: e.owner, where: e.where, message: e.message, ...(e.traceback ? { traceback: e.traceback } : {}) })),
  };
}
