// examples/extensions/plan-then-act and compare-models driving real loopback providers (OpenAI
// chat completions and Anthropic messages SSE) through the programmable loop's primitives.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../engine/kernel/runtime.js";
import { ExtensionHost, formatExtensionError } from "../../lua/extension-host.js";
import { jsonError, type Handler } from "../model/loopback-server.js";
import { SessionStore } from "../../engine/session/session-store.js";
import { cliInProcess } from "../cli/run-in-process.js";
import { ensureBuilt } from "../cli/run-cli.js";
import { anthropicTextFrames, claudeProvider, loopbackPerTest, openLoop, project, respond, runCli, textFrames, toolFrames } from "./agent-fixture.js";

const serve = loopbackPerTest();
const EXAMPLES = join(import.meta.dirname, "..", "..", "examples", "extensions");

/** A chat loop on `handlers` with the example `name` loaded (config `extra` after the providers). */
async function withExample(name: string, handlers: Handler[], extra: (origin: string) => string = () => "") {
  const server = await serve(handlers);
  const p = project(server.origin, extra(server.origin));
  p.write("a.txt", "alpha\n");
  const chat = openLoop(p);
  new ExtensionHost(chat.rt, { cwd: p.cwd, home: p.home, settings: chat.loaded.config.extensions.settings ?? {} }).loadPaths([join(EXAMPLES, name)]);
  chat.loop.start(false);
  return { server, chat, errors: () => chat.rt.errors.map(formatExtensionError) };
}

function once(rt: Runtime, name: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const off = rt.events.on(name, (ev) => {
      off();
      resolve(ev.data);
    });
  });
}

const lastUser = (body: { messages: Array<{ role: string; content: string }> }) => body.messages.filter((m) => m.role === "user").at(-1)!.content;

describe("examples/extensions/plan-then-act", () => {
  it("plans without tools, then runs the agent once per step and ticks each off", async () => {
    const { server, chat, errors } = await withExample("plan-then-act", [
      (res) => respond(res, textFrames("1. Read a.txt\n", "2. Summarise it\n")),
      (res) => respond(res, toolFrames("call_1", "read", { path: "a.txt" })),
      (res) => respond(res, textFrames("Read it.")),
      (res) => respond(res, textFrames("It says alpha.")),
    ]);
    const done = once(chat.rt, "plan-then-act:done");
    await chat.loop.run("/plan summarise a.txt");
    expect(await done).toEqual({ steps: 2 });
    await chat.loop.idle();
    expect(errors()).toEqual([]);
    const [planReq, step1, , step2] = server.requests.map((r) => r.body);
    expect(planReq.tools).toBeUndefined();
    expect(planReq.messages[0].content).toMatch(/^You plan coding tasks\./);
    expect(planReq.messages.slice(1)).toEqual([{ role: "user", content: "summarise a.txt" }]);
    expect(step1.tools.length).toBeGreaterThan(0);
    expect(lastUser(step1)).toBe('We are carrying out this plan for "summarise a.txt":\n1. Read a.txt\n2. Summarise it\n\nDo step 1 now, and only that step: Read a.txt');
    expect(lastUser(step2)).toMatch(/Do step 2 now, and only that step: Summarise it$/);
    expect(chat.rt.buffers.getText("plan")).toBe("Plan: summarise a.txt\n\n✓ 1. Read a.txt\n✓ 2. Summarise it\n\nDone.");
    expect(chat.store.loadMessages(chat.loop.session.id).map((m) => m.kind)).toEqual(["user", "assistant", "tool_result", "assistant", "user", "assistant"]);
    expect(chat.rt.windows.get("plan")!.box.width).toBeGreaterThan(0);
  });

  it("stops at a step whose run fails and says so", async () => {
    const { chat } = await withExample("plan-then-act", [
      (res) => respond(res, textFrames("1. Break it\n2. Never reached\n")),
      jsonError(400, { error: { message: "bad request" } }),
    ]);
    const done = once(chat.rt, "plan-then-act:done");
    await chat.loop.run("/plan try");
    expect(await done).toEqual({ stopped: "error" });
    expect(chat.rt.buffers.getText("plan")).toBe("Plan: try\n\n✗ 1. Break it\n· 2. Never reached\n\nStopped at step 1 (error).");
  });
});

describe("examples/extensions/compare-models", () => {
  const extra = (origin: string) => [
    claudeProvider(origin), "extensions:", "  settings:", "    compare-models:", "      models: [local/m1, claude/claude-test]",
  ].join("\n");
  const byFormat: Handler = (res, req) => {
    if (req.path.endsWith("/messages")) respond(res, anthropicTextFrames("Claude ", "says hi"));
    else respond(res, textFrames("GPT ", "says hi"));
  };

  it("streams one prompt to an OpenAI-format and an Anthropic model side by side, storing nothing", async () => {
    const { server, chat, errors } = await withExample("compare-models", [byFormat], extra);
    const done = once(chat.rt, "compare-models:done");
    await chat.loop.run("/compare say hi");
    await done;
    expect(errors()).toEqual([]);
    expect(chat.rt.buffers.getText("compare_a")).toBe("local/m1 · 10 tokens\n\nGPT says hi");
    expect(chat.rt.buffers.getText("compare_b")).toBe("claude/claude-test · 20 tokens\n\nClaude says hi");
    expect(server.requests.map((r) => [r.path, r.body.tools, r.body.messages.at(-1)])).toEqual(expect.arrayContaining([
      ["/v1/chat/completions", undefined, { role: "user", content: "say hi" }],
      ["/v1/messages", undefined, { role: "user", content: [{ type: "text", text: "say hi" }] }],
    ]));
    const box = (n: string) => chat.rt.windows.get(n)!.box;
    expect([box("compare_a").y, box("compare_b").y, box("compare_a").width === box("compare_b").width]).toEqual([0, 0, true]);
    expect(box("compare_b").x).toBe(box("compare_a").width);
    expect(chat.store.loadMessages(chat.loop.session.id)).toEqual([]);
    await chat.loop.run("/compare");
    expect(box("transcript").width).toBe(chat.rt.width);
  });
});

describe("examples/extensions/lua-loop from config", () => {
  beforeAll(() => ensureBuilt(), 120_000);

  /** `librecode prompt --json` (a real child process) in a fresh project whose config adds `extra`. */
  async function promptJson(extra: string) {
    const server = await serve([
      (res) => respond(res, toolFrames("call_1", "read", { path: "a.txt" })),
      (res) => respond(res, textFrames("It says ", "alpha.")),
    ]);
    const p = project(server.origin, extra);
    p.write("a.txt", "alpha\n");
    const r = await runCli(["prompt", "--json", "what is in a.txt?"], p);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const events = r.stdout.trim().split("\n").map((line) => {
      const ev = JSON.parse(line) as Record<string, unknown>;
      return ev.type === "session" ? "session" : JSON.stringify(ev);
    });
    return { p, events };
  }

  it("runs `librecode prompt` through the Lua loop when extensions.use names it, with the stock loop's events and session", async () => {
    const stock = await promptJson("");
    const lua = await promptJson(["extensions:", `  use: ["path:${join(EXAMPLES, "lua-loop")}"]`].join("\n"));
    expect((await cliInProcess(["extension", "list"], lua.p)).stdout).toContain("lua-loop  loaded");
    expect(stock.events).toContain('{"type":"turn_start","turn":2}');
    expect(lua.events).toEqual(stock.events);
    const store = SessionStore.open(lua.p.home);
    const [session] = store.list();
    const stored = store.loadMessages(session!.id).map((m) => [m.kind, m.text]);
    store.close();
    expect(stored).toEqual([["user", "what is in a.txt?"], ["assistant", ""], ["tool_result", "     1\talpha"], ["assistant", "It says alpha."]]);
  });
});
