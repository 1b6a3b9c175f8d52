// The layout librecode shows without extensions (layout.md "The stock chat layout").
import type { LayoutNode } from "./layout-table.js";

/** The windows of the stock chat layout. */
export const STOCK_WINDOWS: readonly string[] = ["transcript", "thinking", "tools", "composer", "status"];

/** Which optional panes the stock layout includes (each only while it has content and is shown). */
export type StockLayoutOptions = { thinking: boolean; tools: boolean };

/** The stock chat tree, top to bottom: transcript, [thinking], [tools], composer, status. */
export function stockChatLayout(opts: StockLayoutOptions): LayoutNode {
  const children: LayoutNode[] = [{ window: "transcript", grow: 1 }];
  // The optional panes size to their content but never crowd the transcript out; their text is
  // inset one cell from the border, as the composer's is.
  if (opts.thinking) children.push({ window: "thinking", height: "content", max_height: "30%", border: "single", padding: { x: 1 } });
  if (opts.tools) children.push({ window: "tools", height: "content", max_height: "30%", border: "single", padding: { x: 1 } });
  children.push(
    { window: "composer", height: "content", min_height: 3, max_height: "40%", border: "rounded" },
    { window: "status", height: 1 },
  );
  return { id: "chat", direction: "column", children };
}
