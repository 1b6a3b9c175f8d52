// The layout librecode shows without extensions (layout.md "The stock chat layout").
import type { LayoutNode } from "./layout-table.js";

/** The windows of the stock chat layout. */
export const STOCK_WINDOWS: readonly string[] = ["transcript", "thinking", "tools", "composer", "status"];

/**
 * The stock chat tree, top to bottom: transcript, thinking, tools, composer, status. The panes
 * size to their content but never crowd the transcript out, and show only while their buffer holds
 * something (`hide_empty`); their text is inset one cell from the border, as the composer's is.
 * Thinking shows inline in the transcript, so its pane is `display = "none"` until a layout shows it.
 */
export function stockChatLayout(): LayoutNode {
  const pane = (window: string): LayoutNode => ({ window, height: "content", max_height: "30%", hide_empty: true, border: "single", padding: { x: 1 } });
  return {
    id: "chat", direction: "column", children: [
      { window: "transcript", grow: 1 },
      { ...pane("thinking"), display: "none" },
      pane("tools"),
      { window: "composer", height: "content", min_height: 3, max_height: "40%", border: "rounded" },
      { window: "status", height: 1 },
    ],
  };
}
