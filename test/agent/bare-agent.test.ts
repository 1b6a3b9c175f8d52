// Bare mode (`librecode --bare`) calling the model: an extension that draws its own screen streams
// from a loopback OpenAI-format server, stores messages and runs the stock agent, on the session
// bare mode opens at its first call. Built by createApp and offerBareAgent as the terminal's bare
// mode (bin/run-bare.ts) builds it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, type BareApp } from "../../bin/create-app.js";
import { checkBareSession, offerBareAgent, runBare, type BareFlags } from "../../bin/run-bare.js";
import { agentOffered } from "../../engine/agent/agent-handle.js";
import { Terminal } from "../../ui/terminal.js";
import { FakeInput, FakeOutput } from "../e2e/fake-tty.js";
import { feed, headlessTerminal, screenLines } from "../ui-terminal/xterm-oracle.js";
import type { BareAgent } from "../../engine/agent/bare-agent.js";
import { renderFrame } from "../../bin/render-frame.js";
import { parseKeys } from "../../engine/kernel/key-notation.js";
import type { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { SessionStore } from "../../engine/session/session-store.js";
import { formatExtensionError } from "../../lua/extension-host.js";
import { cliInProcess } from "../cli/run-in-process.js";
import { KEY, loopbackPerTest, project, respond, textFrames, toolFrames, transcriptOf, type Project } from "./agent-fixture.js";
import type { Handler, Loopback } from "../model/loopback-server.js";

const serve = loopbackPerTest();

/** A bare screen of one window: `a` asks the model (tools off) and streams the answer into it;
 *  `r` runs the stock agent on a prompt; `m` shows what the session holds; `b` whether a prompt runs. */
const ASK = `
local lc = require("librecode")
local function show(s) lc.buf.set_text("answer", s) end
lc.on("startup", function()
  lc.win.create("answer", { buffer = "answer", role = "answer" })
  lc.layout.set({ children = { { window = "answer", grow = 1, border = "rounded" } } })
  show("ready")
end)
lc.keymap.set("global", "b", function() show("busy: " .. tostring(lc.agent.busy())) return true end)
lc.keymap.set("global", "a", function()
  lc.session.append({ role = "user", content = "say hi" })
  local got = ""
  lc.model.stream({ tools = false, record = true }, {
    on_delta = function(t) got = got .. t; show("> " .. got) end,
    on_done = function(r) show("> " .. r.text .. " (" .. r.stop_reason .. ")"); lc.emit("ask:done", { session = lc.session.current().id }) end,
  })
  return true
end)
lc.keymap.set("global", "r", function() lc.agent.run("what is in a.txt?") return true end)
lc.on("agent_end", function(ev) lc.emit("ask:ran", { stop = ev.payload.stop_reason }) end)
lc.keymap.set("global", "m", function()
  local msgs = lc.session.messages()
  local last = msgs[#msgs]
  show(#msgs .. " messages" .. (last and (", last: " .. last.content) or ""))
  return true
end)
lc.on("shutdown", function(ev) lc.log("shutdown " .. tostring(ev.payload.session_id ~= nil)) end)
`;

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, saved);
});

type BareRun = { app: BareApp; agent: BareAgent; p: Project; server: Loopback; frame(keys?: string): string[]; next(name: string): Promise<Record<string, unknown>> };

/** `librecode --bare` with ASK loaded in a project whose config points at a loopback server;
 *  `flags(p)` gives its --session/--resume, checked at start-up as bin/cmd-chat.ts does. */
async function bareAsk(handlers: Handler[], env: Record<string, string> = { LOCAL_KEY: KEY }, flags: (p: Project) => BareFlags = () => ({})): Promise<BareRun> {
  const server = await serve(handlers);
  const p = project(server.origin);
  p.write("a.txt", "alpha\n");
  const file = join(p.root, "ask.lua");
  writeFileSync(file, ASK);
  Object.assign(process.env, { LIBRECODE_HOME: p.home, ...env });
  const clock = new FakeClock();
  const app = await createApp({ width: 40, height: 3, cwd: p.cwd, clock, bare: true, extensionPaths: [file] });
  if (app.mode !== "bare") throw new Error("expected bare mode");
  const agent = (await offerBareAgent(app, await checkBareSession(app, flags(p))))!;
  const frame = (keys = "") => renderFrame(app.runtime, app.painter, clock, { keys: parseKeys(keys) }).screen.back.toLines();
  return { app, agent, p, server, frame, next: (name) => next(app.runtime, name) };
}

function next(rt: Runtime, name: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const off = rt.events.on(name, (ev) => {
      off();
      resolve(ev.data);
    });
  });
}

function storedIn(p: Project): Array<[string, string]> {
  const store = SessionStore.open(p.home);
  try {
    return store.list().flatMap((s) => store.loadMessages(s.id).map((m): [string, string] => [m.kind, m.text]));
  } finally {
    store.close();
  }
}

describe("bare mode's session", () => {
  it("opens a session at the first call that needs one: model.stream streams into the extension's window and is stored", async () => {
    const { app, agent, p, frame, next } = await bareAsk([(res) => respond(res, textFrames("Hi ", "there."))]);
    expect(frame("b")[1]).toBe("│busy: false                           │");
    expect(storedIn(p)).toEqual([]);
    const done = next("ask:done");
    frame("a");
    const { session } = await done;
    expect(app.runtime.errors.map(formatExtensionError)).toEqual([]);
    expect(frame()).toEqual([
      "╭──────────────────────────────────────╮",
      "│> Hi there. (stop)                    │",
      "╰──────────────────────────────────────╯",
    ]);
    expect(storedIn(p)).toEqual([["user", "say hi"], ["assistant", "Hi there."]]);
    agent.shutdown();
    const shown = await cliInProcess(["session", "show", String(session)], p, { LOCAL_KEY: KEY });
    expect([shown.code, shown.stdout.split("\n").filter((l) => /say hi|Hi there/.test(l)).length]).toEqual([0, 2]);
    expect(app.runtime.log.entries().map((e) => e.text)).toEqual(["shutdown true"]);
  });

  it("runs the stock agent with agent.run: a tool round trip, stored, its messages read back with session.messages", async () => {
    const { app, agent, p, frame, next } = await bareAsk([
      (res) => respond(res, toolFrames("call_1", "read", { path: "a.txt" })),
      (res) => respond(res, textFrames("It says alpha.")),
    ]);
    const ran = next("ask:ran");
    frame("r");
    expect(await ran).toEqual({ stop: "stop" });
    expect(frame("m")[1]).toBe("│4 messages, last: It says alpha.      │");
    expect(storedIn(p)).toEqual([["user", "what is in a.txt?"], ["assistant", ""], ["tool_result", "     1\talpha"], ["assistant", "It says alpha."]]);
    expect(app.runtime.buffers.getBlocks("transcript").map((b) => b.kind)).toEqual(["message", "tool", "message"]);
    agent.shutdown();
  });

  it("opens nothing when no extension asks: no session is stored and shutdown carries no session", async () => {
    const { app, agent, p, frame } = await bareAsk([]);
    frame("x");
    agent.shutdown();
    expect([agent.opened, storedIn(p), app.runtime.log.entries().map((e) => e.text)]).toEqual([undefined, [], ["shutdown false"]]);
  });

  it("a model that cannot be used fails the call that needed it, naming why; the next call tries again", async () => {
    const { app, agent, p, frame } = await bareAsk([], {});
    frame("a");
    expect(app.runtime.errors.map((e) => e.message.split("\n")[0])).toEqual([
      'session.append: local: no API key: expected it in $LOCAL_KEY or saved by "librecode auth login local", got none',
    ]);
    process.env.LOCAL_KEY = KEY;
    expect(frame("m")[1]).toBe("│0 messages                            │");
    expect(app.runtime.errors).toHaveLength(1);
    agent.shutdown();
    expect(storedIn(p)).toEqual([]);
  });

  it("on the terminal (bin/run-bare.ts): offered after the first frame, a key streams the answer onto the screen; ctrl+c twice closes the session", async () => {
    const server = await serve([(res) => respond(res, textFrames("Hi ", "there."))]);
    const p = project(server.origin);
    const file = join(p.root, "ask.lua");
    writeFileSync(file, ASK);
    Object.assign(process.env, { LIBRECODE_HOME: p.home, LOCAL_KEY: KEY });
    const clock = new FakeClock();
    const app = await createApp({ width: 30, height: 3, cwd: p.cwd, clock, bare: true, extensionPaths: [file] });
    if (app.mode !== "bare") throw new Error("expected bare mode");
    const output = new FakeOutput(30, 3);
    const terminal = new Terminal({ input: new FakeInput(), output, clock, guard: false, kittyKeyboard: false });
    const done = runBare(app, { terminal, clock });
    while (!agentOffered(app.runtime)) await new Promise((r) => setTimeout(r, 1));
    const answered = next(app.runtime, "ask:done");
    terminal.receive("a");
    await answered;
    clock.advance(20);
    const term = headlessTerminal(30, 3);
    await feed(term, output.writes.join(""));
    expect(screenLines(term)).toEqual([
      "╭────────────────────────────╮",
      "│> Hi there. (stop)          │",
      "╰────────────────────────────╯",
    ]);
    terminal.receive("\x03");
    terminal.receive("\x03");
    await done;
    expect([app.runtime.log.entries().map((e) => e.text), storedIn(p)]).toEqual([["shutdown true"], [["user", "say hi"], ["assistant", "Hi there."]]]);
  });
});

/** Stores a session of `p`'s directory holding `texts` (user and assistant in turn); its id. */
function storedSession(p: Project, ...texts: string[]): string {
  const store = SessionStore.open(p.home);
  try {
    const id = store.create({ cwd: p.cwd }).id;
    texts.forEach((text, i) => store.appendMessage(id, { kind: i % 2 === 0 ? "user" : "assistant", text }));
    return id;
  } finally {
    store.close();
  }
}

describe("bare mode resuming a session (--session ID, --resume)", () => {
  it("--session ID (a unique prefix) opens that session at the first call, not before: its history is the model's context and new messages go into it", async () => {
    let id = "";
    const { app, agent, p, server, frame, next } = await bareAsk([(res) => respond(res, textFrames("Hi again."))], { LOCAL_KEY: KEY }, (p) => {
      id = storedSession(p, "what is alpha?", "A letter.");
      return { session: id.slice(0, 8) };
    });
    frame("x");
    expect([agent.opened, app.runtime.buffers.getBlocks("transcript")]).toEqual([undefined, []]);
    expect(frame("m")[1]).toBe("│2 messages, last: A letter.           │");
    expect(agent.opened!.loop.session.id).toBe(id);
    const done = next("ask:done");
    frame("a");
    expect((await done).session).toBe(id);
    expect(transcriptOf(server.requests[0]!)).toEqual(["system: ...", "user: what is alpha?", "assistant: A letter.", "user: say hi"]);
    agent.shutdown();
    expect(storedIn(p)).toEqual([["user", "what is alpha?"], ["assistant", "A letter."], ["user", "say hi"], ["assistant", "Hi again."]]);
  });

  it("--resume opens the directory's latest conversation; with none, a new session whose transcript says so", async () => {
    const resumed = await bareAsk([], { LOCAL_KEY: KEY }, (p) => {
      storedSession(p, "older", "reply");
      storedSession(p, "newest question", "newest answer");
      return { resume: true };
    });
    expect(resumed.frame("m")[1]).toBe("│2 messages, last: newest answer       │");
    resumed.agent.shutdown();

    const fresh = await bareAsk([], { LOCAL_KEY: KEY }, () => ({ resume: true }));
    expect(fresh.frame("m")[1]).toBe("│0 messages                            │");
    expect(fresh.app.runtime.buffers.getBlocks("transcript").map((b) => b.text)).toEqual([
      "--resume: no earlier conversation in this directory; this is a new session.",
    ]);
    fresh.agent.shutdown();
    expect(storedIn(fresh.p)).toEqual([]);
  });

  it("an unknown --session is a one-line error at start-up, before anything is offered or opened", async () => {
    const server = await serve([]);
    const p = project(server.origin);
    Object.assign(process.env, { LIBRECODE_HOME: p.home, LOCAL_KEY: KEY });
    storedSession(p, "kept");
    const app = await createApp({ width: 40, height: 3, cwd: p.cwd, clock: new FakeClock(), bare: true });
    if (app.mode !== "bare") throw new Error("expected bare mode");
    await expect(checkBareSession(app, { session: "nope" })).rejects.toThrow(
      new Error('--session: "nope": expected a session id, name or unique id prefix, got no match'));
    expect([agentOffered(app.runtime), storedIn(p)]).toEqual([false, [["user", "kept"]]]);
  });
});
