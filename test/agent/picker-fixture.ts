// The interactive chat in-process: a Runtime with the stock chat and its painter, and the chat loop
// behind it with pickers on the screen, as `librecode` wires them; keys typed, frames painted as text.
import { openChatLoop, type OpenedChat } from "../../engine/agent/open-chat-loop.js";
import { installStockChat, type StockChat } from "../../engine/chat/stock-chat.js";
import { parseKeys } from "../../engine/kernel/key-notation.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { AppPainter } from "../../ui/app-painter.js";
import { Screen } from "../../ui/screen.js";
import { createTheme } from "../../ui/theme.js";
import { envFor, type Project } from "./agent-fixture.js";

export type ScreenChat = OpenedChat & {
  rt: Runtime;
  chat: StockChat;
  /** Dispatches keys in `render --keys` notation. */
  type(keys: string): void;
  /** The screen as text lines. */
  screen(): string[];
};

/** Opens the chat at width x height on project p; sessions are stamped with `clock.now()`. */
export function screenChat(p: Project, width: number, height: number, clock = { now: () => Date.UTC(2026, 0, 2, 3, 4) }): ScreenChat {
  const rt = new Runtime({ cwd: p.cwd, width, height, clock: new FakeClock() });
  const chat = installStockChat(rt);
  const painter = new AppPainter(rt, createTheme({ name: "dark", noColor: true }));
  const opened = openChatLoop({
    runtime: rt, cwd: p.cwd, env: envFor(p), retry: { sleep: async () => {} }, defer: (fn) => fn(), clock,
    onStatus: (patch) => chat.setStatus(patch), pick: (spec) => chat.pick(spec),
  });
  chat.setController(opened.loop);
  opened.loop.start(false);
  // One screen, painted frame after frame as the live app does (only what changed is repainted).
  const s = new Screen(width, height);
  return {
    ...opened, rt, chat,
    type: (keys) => { for (const k of parseKeys(keys)) rt.dispatchKey(k); },
    screen: () => {
      painter.paint(s.back);
      return s.back.toLines();
    },
  };
}
