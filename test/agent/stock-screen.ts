// The stock chat screen over an in-process loop (openLoop): the chat installed and driven by the
// loop, frames painted as trimmed text lines, keys typed in `render --keys` notation.
import { expect } from "vitest";
import type { OpenedChat } from "../../engine/agent/open-chat-loop.js";
import { installStockChat, type StockChat } from "../../engine/chat/stock-chat.js";
import { parseKeys } from "../../engine/kernel/key-notation.js";
import type { Runtime } from "../../engine/kernel/runtime.js";
import { AppPainter } from "../../ui/app-painter.js";
import { CellGrid } from "../../ui/cell-grid.js";
import { createTheme } from "../../ui/theme.js";

export type StockScreen = {
  stock: StockChat;
  /** The screen at width x height (default: the size given to stockScreen), trailing spaces trimmed. */
  screen(width?: number, height?: number): string[];
  /** Dispatches keys in `render --keys` notation. */
  keys(keys: string): void;
};

/** Installs the stock chat on chat.rt with chat.loop as its controller and model label local/m1. */
export function stockScreen(chat: OpenedChat & { rt: Runtime }, width: number, height: number): StockScreen {
  const stock = installStockChat(chat.rt);
  stock.setController(chat.loop);
  stock.setStatus({ model_label: "local/m1" });
  return {
    stock,
    screen: (w = width, h = height) => {
      chat.rt.resize(w, h);
      const grid = new CellGrid(w, h);
      new AppPainter(chat.rt, createTheme({ noColor: true })).paint(grid);
      return grid.toLines().map((l) => l.trimEnd());
    },
    keys: (k) => {
      for (const ev of parseKeys(k)) chat.rt.dispatchKey(ev);
    },
  };
}

/** Waits (up to ~1 s of 2 ms polls) until `ready()` holds, then asserts it. */
export async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ready(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(ready()).toBe(true);
}
