// The draw operations extensions queue per window (see DrawStore); the renderer paints them.
import type { Span, Style } from "./style.js";

/**
 * A window-relative draw operation queued by an extension. Rows and columns are 0-based from the
 * window's top-left (its whole rectangle, border included) and clipped to the window.
 */
export type DrawOp = DrawOpBody & {
  /** Queued by a `render` handler: lasts one frame (the next render drops it, see DrawStore.dropFrame). */
  frame?: boolean;
  /** The extension that queued it (a reload or disable of that extension drops it). */
  owner?: string;
};

type DrawOpBody =
  | { kind: "clear_window"; window: string }
  | { kind: "clear_region"; window: string; row: number; col: number; height: number; width: number; style?: Style }
  | { kind: "text"; window: string; row: number; col: number; text: string; style?: Style }
  | { kind: "spans"; window: string; row: number; col: number; spans: Span[] }
  | { kind: "box"; window: string; style?: Style }
  | { kind: "cursor"; window: string; row: number; col: number };
