// Plain records for renderer tests: a window, a buffer and the content box a renderer sees.
import type { Block } from "../../engine/kernel/block.js";
import type { BufferRecord } from "../../engine/kernel/buffer-store.js";
import { TextLines } from "../../engine/kernel/text-lines.js";
import type { Span } from "../../engine/kernel/style.js";
import { hiddenBox, type WindowRecord } from "../../engine/kernel/window-store.js";
import type { RenderInput } from "../../ui/renderers/window-renderer.js";
import { createTheme } from "../../ui/theme.js";

export type InputInit = {
  role?: string; text?: string; cursor?: number; label?: string; metadata?: Record<string, unknown>;
  blocks?: Block[]; vars?: Record<string, unknown>; scroll?: number; width?: number; height?: number; focused?: boolean;
};

let rev = 0;

/** A block record as the buffer store keeps it. */
export function block(id: string, init: Partial<Block>): Block {
  return { id, kind: "message", role: "", text: "", index: 0, created_at: 0, streaming: false, metadata: {}, rev: ++rev, ...init };
}

/** A renderer input for a window of `role` bound to a buffer of the same name. */
export function input(init: InputInit = {}): RenderInput {
  const role = init.role ?? "generic";
  const width = init.width ?? 20;
  const height = init.height ?? 5;
  const window: WindowRecord = {
    name: role, role, buffer: role, renderer: "default", cursorRow: 0, cursorCol: 0, scroll: init.scroll ?? 0,
    vars: init.vars ?? {}, box: { ...hiddenBox(), width, height, visible: true, content: { x: 0, y: 0, width, height } },
  };
  const text = init.text ?? "";
  const buffer: BufferRecord = {
    name: role, text, lines: new TextLines(text), cursor: init.cursor ?? Array.from(text).length, label: init.label ?? "", metadata: init.metadata ?? {},
    blocks: init.blocks ?? [], vars: {}, rev: ++rev,
  };
  return { window, buffer, width, height, focused: init.focused ?? true, theme: createTheme() };
}

/** Lines as plain text, padded to `width` so literal screens line up. */
export function screen(lines: Span[][], width: number): string[] {
  return lines.map((l) => {
    const t = l.map((s) => s.text).join("");
    return t + " ".repeat(Math.max(0, width - [...t].length));
  });
}

/** Lines as plain text with trailing spaces removed. */
export function texts(lines: Span[][]): string[] {
  return lines.map((l) => l.map((s) => s.text).join("").trimEnd());
}
