// The programmable-loop examples as whole screens after a real run against a loopback provider:
// plan-then-act's plan window with its steps ticked off, compare-models' two answers side by side.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openChatLoop } from "../../engine/agent/open-chat-loop.js";
import { installStockChat } from "../../engine/chat/stock-chat.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { ExtensionHost, formatExtensionError } from "../../lua/extension-host.js";
import { AppPainter } from "../../ui/app-painter.js";
import { Screen } from "../../ui/screen.js";
import { createTheme } from "../../ui/theme.js";
import { anthropicTextFrames, claudeProvider, envFor, loopbackPerTest, project, respond, textFrames, toolFrames } from "../agent/agent-fixture.js";
import type { Handler } from "../model/loopback-server.js";
import { expectSnapshot } from "./snapshot-file.js";

const serve = loopbackPerTest();
const EXAMPLES = join(import.meta.dirname, "../../examples/extensions");

/** Runs `command` in a stock chat with example `name` loaded until it emits `doneEvent`, then paints the screen. */
async function screenAfter(name: string, handlers: Handler[], command: string, doneEvent: string, width: number, height: number, extra = (_: string) => "") {
  const server = await serve(handlers);
  const p = project(server.origin, extra(server.origin));
  p.write("a.txt", "alpha\n");
  const rt = new Runtime({ width, height, cwd: p.cwd });
  const chat = installStockChat(rt);
  const opened = openChatLoop({ runtime: rt, cwd: p.cwd, env: envFor(p), retry: { sleep: async () => {} }, defer: (fn) => fn() });
  new ExtensionHost(rt, { cwd: p.cwd, home: p.home, settings: opened.loaded.config.extensions.settings ?? {} }).loadPaths([join(EXAMPLES, name)]);
  opened.loop.start(false);
  const done = new Promise<void>((resolve) => rt.events.on(doneEvent, () => void resolve()));
  await opened.loop.run(command);
  await done;
  await opened.loop.idle();
  opened.close();
  expect(rt.errors.map(formatExtensionError)).toEqual([]);
  chat.setStatus({ cwd: "/srv/project", session: "s1" });
  const screen = new Screen(width, height);
  new AppPainter(rt, createTheme({ name: "dark", noColor: true })).paint(screen.back);
  return screen.back.toLines();
}

describe("example extension: plan-then-act", () => {
  it("shows the plan beside the transcript with every step ticked off", async () => {
    expectSnapshot("ext-plan-then-act-80x20", await screenAfter("plan-then-act", [
      (res) => respond(res, textFrames("1. Read a.txt\n", "2. Summarise it\n")),
      (res) => respond(res, toolFrames("call_1", "read", { path: "a.txt" })),
      (res) => respond(res, textFrames("Read it.")),
      (res) => respond(res, textFrames("It says alpha.")),
    ], "/plan summarise a.txt", "plan-then-act:done", 80, 20));
  });
});

describe("example extension: compare-models", () => {
  it("shows two models' answers side by side", async () => {
    const byFormat: Handler = (res, req) => {
      if (req.path.endsWith("/messages")) respond(res, anthropicTextFrames("Bonjour from ", "the Anthropic side."));
      else respond(res, textFrames("Hello from ", "the OpenAI side."));
    };
    const extra = (origin: string) => [
      claudeProvider(origin), "extensions:", "  settings:", "    compare-models:", "      models: [local/m1, claude/claude-test]",
    ].join("\n");
    expectSnapshot("ext-compare-models-80x12", await screenAfter("compare-models", [byFormat], "/compare say hello", "compare-models:done", 80, 12, extra));
  });
});
