// The status-bar clock of test/fixtures/upstream/authored/, written as for the original librecode,
// run unchanged in the interactive app (in-process terminal, fake time): its `render` handler's
// return table is the status line, and its timer turns the minute over with no key pressed.
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppPainter } from "../../ui/app-painter.js";
import { InteractiveApp } from "../../bin/interactive-app.js";
import { installStockChat } from "../../engine/chat/stock-chat.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { ExtensionHost } from "../../lua/extension-host.js";
import { Terminal } from "../../ui/terminal.js";
import { createTheme } from "../../ui/theme.js";
import { feed, headlessTerminal, screenLines } from "../ui-terminal/xterm-oracle.js";
import { FakeInput, FakeOutput } from "./fake-tty.js";

const CLOCK = join(import.meta.dirname, "../fixtures/upstream/authored/status-clock.lua");
const tz = process.env.TZ;

beforeEach(() => {
  process.env.TZ = "UTC";
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-04T09:41:50Z"));
});
afterEach(() => {
  vi.useRealTimers();
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
});

function start() {
  const clock = new FakeClock();
  const rt = new Runtime({ clock, width: 40, height: 8, cwd: "/srv/project" });
  const chat = installStockChat(rt);
  chat.setStatus({ provider: "local", model: "m1", model_label: "local/m1", thinking_level: "high" });
  new ExtensionHost(rt, { cwd: "/srv/project", home: "/nonexistent-librecode-home" }).loadPaths([CLOCK]);
  rt.emit("startup", {});
  const output = new FakeOutput(40, 8);
  const terminal = new Terminal({ input: new FakeInput(), output, clock, guard: false, kittyKeyboard: false });
  new InteractiveApp(rt, chat, new AppPainter(rt, createTheme({ noColor: true })), { terminal, clock }).start();
  clock.advance(20);
  const status = async () => {
    const term = headlessTerminal(40, 8);
    await feed(term, output.writes.join(""));
    return screenLines(term).at(-1);
  };
  return { rt, clock, chat, status };
}

describe("status-clock.lua", () => {
  it("shows the model, thinking level and the time in the status line", async () => {
    const { rt, status } = start();
    expect(rt.errors).toEqual([]);
    expect(await status()).toBe("local/m1 • high                    09:41");
  });

  it("the minute turns over on screen with no key pressed (its timer wakes a frame)", async () => {
    const { clock, status } = start();
    vi.setSystemTime(new Date("2026-12-04T09:42:05Z"));
    clock.advance(15_000);
    expect(await status()).toBe("local/m1 • high                    09:42");
  });

  it("queued follow-ups show as they are counted", async () => {
    const { chat, clock, status } = start();
    chat.setStatus({ follow_ups: 2 });
    clock.advance(20);
    expect(await status()).toBe("local/m1 • high • 2 queued         09:41");
  });
});
