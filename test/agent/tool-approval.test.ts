import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ApprovalPanel } from "../../engine/chat/approval-panel.js";
import { loopbackPerTest, openLoop, project, respond, textFrames, toolFrames, transcriptOf, type Project } from "./agent-fixture.js";
import { stockScreen, until } from "./stock-screen.js";

const serve = loopbackPerTest();
const APPROVE = ["tools:", "  approve: [bash, write]"].join("\n");

/** A chat on the stock screen whose approval panel answers the loop's questions. */
function chatWithPanel(p: Project) {
  let panel: ApprovalPanel | undefined;
  const chat = openLoop(p, { approve: (req, signal) => panel!.ask(req, signal) });
  const ui = stockScreen(chat, 60, 16);
  panel = new ApprovalPanel(chat.rt);
  chat.loop.start(false);
  return { ...chat, ...ui, panel: () => panel!, asked: () => until(() => panel!.open) };
}

describe("tool approval (tools.approve)", () => {
  it("shows the call's arguments in a panel above the composer and runs the call once allowed", async () => {
    const server = await serve([
      (res) => respond(res, toolFrames("call_1", "bash", { command: "echo hi", timeout_ms: 5000 })),
      (res) => respond(res, textFrames("It printed hi.")),
    ]);
    const chat = chatWithPanel(project(server.origin, APPROVE));
    const run = chat.loop.run("say hi");
    await chat.asked();
    expect(chat.screen()).toEqual([
      "",
      " say hi",
      "",
      " bash echo hi",
      "╭─ allow bash? ────────────────────────────────────────────╮",
      "│ command: echo hi                                         │",
      "│ timeout_ms: 5000                                         │",
      "│                                                          │",
      "│ › allow once (y)                                         │",
      "│   always allow bash in this session (a)                  │",
      "│   deny (n, esc)                                          │",
      "╰──────────────────────────────────────────────────────────╯",
      "╭─ message ────────────────────────────────────────────────╮",
      "│ Type a message (/ for commands)                          │",
      "╰──────────────────────────────────────────────────────────╯",
      "local/m1",
    ]);
    expect(chat.rt.focus).toBe("approval");
    chat.keys("y");
    expect(await run).toEqual({ stopReason: "stop", text: "It printed hi.", turns: 2 });
    expect(transcriptOf(server.requests[1]!).at(-1)).toBe("tool: hi\n\nexit code: 0");
    expect(chat.rt.focus).toBe("composer");
    expect(chat.screen().slice(-10)).toEqual([
      " bash echo hi",
      "  hi",
      "",
      "  exit code: 0",
      "",
      "It printed hi.",
      "╭─ message ────────────────────────────────────────────────╮",
      "│ Type a message (/ for commands)                          │",
      "╰──────────────────────────────────────────────────────────╯",
      "local/m1",
    ]);
    chat.close();
  });

  it("escape denies: the model gets a tool error saying so, and the run goes on", async () => {
    const server = await serve([
      (res) => respond(res, toolFrames("call_1", "write", { path: "notes.md", content: "# Notes\nfirst\nsecond" })),
      (res) => respond(res, textFrames("Understood, I will not write it.")),
    ]);
    const p = project(server.origin, APPROVE);
    const chat = chatWithPanel(p);
    const run = chat.loop.run("write notes");
    await chat.asked();
    expect(chat.screen(60, 20).slice(5, 14)).toEqual([
      "╭─ allow write? ───────────────────────────────────────────╮",
      "│ path: notes.md                                           │",
      "│ content:                                                 │",
      "│   # Notes                                                │",
      "│   first                                                  │",
      "│   second                                                 │",
      "│                                                          │",
      "│ › allow once (y)                                         │",
      "│   always allow write in this session (a)                 │",
    ]);
    // On a shorter screen the arguments are cut so the choices still show.
    expect(chat.screen(60, 16).slice(3, 12)).toEqual([
      "╭─ allow write? ───────────────────────────────────────────╮",
      "│ path: notes.md                                           │",
      "│ content:                                                 │",
      "│ … 3 more lines                                           │",
      "│                                                          │",
      "│ › allow once (y)                                         │",
      "│   always allow write in this session (a)                 │",
      "│   deny (n, esc)                                          │",
      "╰──────────────────────────────────────────────────────────╯",
    ]);
    chat.keys("<esc>");
    expect(await run).toEqual({ stopReason: "stop", text: "Understood, I will not write it.", turns: 2 });
    const denied = "tool write: the user denied this call; it was not run (ask the user how to go on rather than retrying it)";
    expect(server.requests[1]!.body.messages.at(-1)).toEqual({ role: "tool", tool_call_id: "call_1", content: denied });
    expect(existsSync(join(p.cwd, "notes.md"))).toBe(false);
    const tool = chat.store.loadMessages(chat.loop.session.id).find((m) => m.kind === "tool_result")!;
    expect([tool.text, tool.payload]).toEqual([denied, { tool_call_id: "call_1", name: "write", is_error: true }]);
    chat.close();
  });

  it("'always' (chosen with the arrow keys) stops asking about that tool for the rest of the session", async () => {
    const server = await serve([
      (res) => respond(res, toolFrames("call_1", "bash", { command: "echo one" })),
      (res) => respond(res, toolFrames("call_2", "bash", { command: "echo two" })),
      (res) => respond(res, textFrames("Both ran.")),
    ]);
    const chat = chatWithPanel(project(server.origin, APPROVE));
    const run = chat.loop.run("run two commands");
    await chat.asked();
    chat.keys("<down>");
    expect(chat.screen().slice(8, 11)).toEqual([
      "│   allow once (y)                                         │",
      "│ › always allow bash in this session (a)                  │",
      "│   deny (n, esc)                                          │",
    ]);
    chat.keys("<cr>");
    expect(await run).toEqual({ stopReason: "stop", text: "Both ran.", turns: 3 });
    expect(transcriptOf(server.requests[2]!).slice(-3)).toEqual([
      "tool: one\n\nexit code: 0", 'assistant:  [call bash {"command":"echo two"}]', "tool: two\n\nexit code: 0",
    ]);
    chat.close();
  });

  it("interrupting the run while the panel waits closes it and runs nothing", async () => {
    const server = await serve([(res) => respond(res, toolFrames("call_1", "bash", { command: "touch made" }))]);
    const p = project(server.origin, APPROVE);
    const chat = chatWithPanel(p);
    const run = chat.loop.run("make a file");
    await chat.asked();
    chat.loop.interrupt();
    expect((await run).stopReason).toBe("aborted");
    expect(chat.panel().open).toBe(false);
    expect(chat.rt.focus).toBe("composer");
    expect(existsSync(join(p.cwd, "made"))).toBe(false);
    expect(chat.store.loadMessages(chat.loop.session.id).find((m) => m.kind === "tool_result")!.text).toBe("tool bash: interrupted before it ran");
    chat.close();
  });

  it("asks nothing about tools not listed, nor about a shell command the user typed (!cmd)", async () => {
    const server = await serve([
      (res) => respond(res, toolFrames("call_1", "ls", { path: "." })),
      (res) => respond(res, textFrames("Listed.")),
    ]);
    const chat = chatWithPanel(project(server.origin, APPROVE));
    expect((await chat.loop.run("list")).stopReason).toBe("stop");
    expect((await chat.loop.run("!echo typed")).stopReason).toBe("stop");
    expect(chat.panel().open).toBe(false);
    chat.close();
  });
});

describe("tool approval without a UI (librecode prompt)", () => {
  it("denies with a message naming --yes, or runs the call when the run allows it", async () => {
    const server = await serve([
      (res) => respond(res, toolFrames("call_1", "bash", { command: "echo hi" })),
      (res) => respond(res, textFrames("Denied.")),
      (res) => respond(res, toolFrames("call_2", "bash", { command: "echo hi" })),
      (res) => respond(res, textFrames("Ran.")),
    ]);
    const p = project(server.origin, APPROVE);
    const denied = openLoop(p);
    await denied.loop.run("say hi");
    expect(server.requests[1]!.body.messages.at(-1).content).toBe(
      "tool bash: not run: it needs the user's approval (tools.approve) and this run cannot ask (librecode prompt --yes allows such calls)",
    );
    denied.close();
    const allowed = openLoop(p, { unattended: "allow" });
    await allowed.loop.run("say hi");
    expect(server.requests[3]!.body.messages.at(-1).content).toBe("hi\n\nexit code: 0");
    allowed.close();
  });
});
