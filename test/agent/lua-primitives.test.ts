// The programmable loop's primitives from Lua against real loopback servers (OpenAI chat
// completions and Anthropic messages SSE) and a real SQLite session store in a temp home.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Runtime } from "../../engine/kernel/runtime.js";
import { ExtensionHost, formatExtensionError } from "../../lua/extension-host.js";
import { cliInProcess } from "../cli/run-in-process.js";
import { jsonError, sseThenStall, type Handler } from "../model/loopback-server.js";
import {
  anthropicTextFrames, answerFrames, claudeProvider, KEY, loopbackPerTest, openLoop, project, respond, textFrames, toolFrames,
} from "./agent-fixture.js";

const serve = loopbackPerTest();

/** A chat loop on `handlers` with `source` loaded as an extension; `next(name)` resolves on the custom event `test:name`. */
async function luaChat(handlers: Handler[], source: string, extra = "", provider?: string) {
  const server = await serve(handlers);
  const p = project(server.origin, extra || claudeProvider(server.origin));
  p.write("a.txt", `alpha\nkey: ${KEY}\n`);
  const chat = openLoop(p, provider ? { provider } : {});
  const file = join(p.root, "ext.lua");
  writeFileSync(file, source);
  new ExtensionHost(chat.rt, { cwd: p.cwd, home: p.home }).loadPaths([file]);
  chat.loop.start(false);
  const errors = () => chat.rt.errors.map(formatExtensionError);
  return { server, p, chat, errors, next: (name: string) => next(chat.rt, name) };
}

function next(rt: Runtime, name: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const off = rt.events.on(`test:${name}`, (ev) => {
      off();
      resolve(ev.data);
    });
  });
}

/** Runs `code` in the extension's state as a guarded callback (as a key handler would). */
function lua(rt: Runtime, code: string): void {
  rt.emit("test:run", { code });
}

const RUNNER = `
local lc = require("librecode")
lc.on("test:run", function(ev) assert(load(ev.data.code))() end)
`;

describe("model.stream", () => {
  it("streams a Lua request with tools off through the OpenAI format, deltas to on_delta, nothing into the transcript", async () => {
    const { server, chat, next, errors } = await luaChat([(res) => respond(res, textFrames("Hel", "lo"))], RUNNER);
    const deltas: unknown[] = [];
    chat.rt.events.on("model_delta", (ev) => void deltas.push(ev.data));
    const done = next("done");
    lua(chat.rt, `
      local lc = require("librecode")
      local got = {}
      lc.model.stream({ system = "Be brief.", messages = { { role = "user", content = "hi" } }, tools = false, max_tokens = 50 }, {
        on_delta = function(t) got[#got + 1] = t end,
        on_done = function(r) lc.emit("test:done", { pieces = got, text = r.text, stop = r.stop_reason, calls = #r.tool_calls, output = r.usage.output }) end,
      })`);
    expect(await done).toEqual({ pieces: ["Hel", "lo"], text: "Hello", stop: "stop", calls: 0, output: 10 });
    expect(errors()).toEqual([]);
    const body = server.requests[0]!.body;
    expect(body.tools).toBeUndefined();
    expect(body.max_tokens).toBe(50);
    expect(body.messages).toEqual([{ role: "system", content: "Be brief." }, { role: "user", content: "hi" }]);
    expect(deltas).toEqual([{ text: "Hel", stream_id: 1 }, { text: "lo", stream_id: 1 }]);
    expect(chat.rt.buffers.getBlocks("transcript")).toEqual([]);
    expect(chat.store.loadMessages(chat.loop.session.id)).toEqual([]);
  });

  it("streams from an Anthropic messages server named by provider and model", async () => {
    const { server, chat, next } = await luaChat([(res) => respond(res, anthropicTextFrames("Bon", "jour"))], RUNNER);
    const done = next("done");
    lua(chat.rt, `
      local lc = require("librecode")
      lc.model.stream({ provider = "claude", model = "claude-test", system = "", messages = { { role = "user", content = "salut" } } }, {
        on_done = function(r) lc.emit("test:done", { text = r.text, stop = r.stop_reason }) end,
      })`);
    expect(await done).toEqual({ text: "Bonjour", stop: "stop" });
    expect(server.requests[0]!.path).toBe("/v1/messages");
    expect(server.requests[0]!.body.messages).toEqual([{ role: "user", content: [{ type: "text", text: "salut" }] }]);
  });

  it("reports a failed request to on_error with its status and message, after provider_error", async () => {
    const { server, chat, next } = await luaChat([jsonError(401, { error: { message: "invalid key" } })], RUNNER);
    const seen: string[] = [];
    chat.rt.events.on("provider_error", (ev) => void seen.push(`provider_error ${String(ev.data.status)}`));
    const failed = next("error");
    lua(chat.rt, `
      local lc = require("librecode")
      lc.model.stream({ messages = { { role = "user", content = "hi" } } }, {
        on_done = function() lc.emit("test:error", { wrong = "on_done" }) end,
        on_error = function(err) lc.emit("test:error", err) end,
      })`);
    expect(await failed).toEqual({ message: `local: ${server.origin}/v1: 401 invalid key`, status: 401 });
    expect(seen).toEqual(["provider_error 401"]);
  });

  it("cancels mid-stream: the server sees its connection close and on_done keeps what arrived", async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    const stall: Handler = (res) => {
      res.on("close", () => closed());
      sseThenStall(answerFrames(["Half an ", "answer"], 50).slice(0, 3))(res, {} as never);
    };
    const { chat, next } = await luaChat([stall], RUNNER);
    const done = next("done");
    lua(chat.rt, `
      local lc = require("librecode")
      local id
      id = lc.model.stream({ messages = { { role = "user", content = "go on" } } }, {
        on_delta = function(t) if t == "answer" then lc.model.cancel(id) end end,
        on_done = function(r) lc.emit("test:done", { text = r.text, stop = r.stop_reason, again = lc.model.cancel(id) }) end,
      })`);
    expect(await done).toEqual({ text: "Half an answer", stop: "aborted", again: false });
    await serverSawClose;
  });

  it("refuses a bad request table with the field named", async () => {
    const { chat, errors } = await luaChat([(res) => respond(res, textFrames("x"))], RUNNER);
    lua(chat.rt, `require("librecode").model.stream({ messages = { { role = "robot" } } }, {})`);
    lua(chat.rt, `require("librecode").model.stream({ tools = { "nope" } }, {})`);
    lua(chat.rt, `require("librecode").model.stream({ temperature = 1 }, {})`);
    expect(errors().map((e) => e.split("\n")[0]!.replace(/^.*?: test:run handler failed: /, ""))).toEqual([
      'model.stream: req.messages[1].role: expected "user" or "assistant" or "tool" or "system", got "robot"',
      'model.stream: unknown tool "nope" (known: read, write, edit, bash, grep, find, ls, fetch)',
      "model.stream: req.temperature: unknown key",
    ]);
  });
});

describe("tools.run", () => {
  it("runs the tool call a Lua stream received, with the loop's hooks and secret redaction", async () => {
    const { server, chat, next, errors } = await luaChat([
      (res) => respond(res, toolFrames("call_1", "read", { path: "b.txt" })),
    ], RUNNER);
    const hooks: string[] = [];
    chat.rt.events.on("tool_call", (ev) => {
      hooks.push(`tool_call ${String(ev.data.tool_call_id)}`);
      (ev.data.arguments as { path: string }).path = "a.txt";
    });
    chat.rt.events.on("tool_result", () => void hooks.push("tool_result"));
    const done = next("done");
    lua(chat.rt, `
      local lc = require("librecode")
      lc.model.stream({ messages = { { role = "user", content = "read b" } }, tools = { "read" } }, {
        on_tool_call = function(call)
          lc.tools.run(call.name, call.arguments, function(res)
            lc.emit("test:done", { name = call.name, path = call.arguments.path, content = res.content, is_error = res.is_error })
          end, { call_id = call.id })
        end,
      })`);
    expect(await done).toEqual({ name: "read", path: "b.txt", content: "     1\talpha\n     2\tkey: [redacted]", is_error: false });
    expect(errors()).toEqual([]);
    expect(server.requests[0]!.body.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(["read"]);
    expect(hooks).toEqual(["tool_call call_1", "tool_result"]);
    expect(chat.rt.buffers.getBlocks("transcript")).toEqual([]);
  });

  it("lists the tools the model can call", async () => {
    const { chat, next } = await luaChat([(res) => respond(res, textFrames("x"))], RUNNER);
    const listed = next("tools");
    lua(chat.rt, `
      local lc = require("librecode")
      local names = {}
      for _, t in ipairs(lc.tools.list()) do names[#names + 1] = t.name .. "/" .. t.owner end
      lc.emit("test:tools", { names = names, models = lc.model.list()[1] and #lc.model.list() > 0 })`);
    expect(await listed).toEqual({ names: ["read/host", "write/host", "edit/host", "bash/host", "grep/host", "find/host", "ls/host", "fetch/host"], models: true });
  });
});

describe("session", () => {
  it("appends durable messages that `librecode session show` prints, and reads them back", async () => {
    const { chat, p, next, errors } = await luaChat([(res) => respond(res, textFrames("x"))], RUNNER);
    const read = next("read");
    lua(chat.rt, `
      local lc = require("librecode")
      lc.session.append({ role = "user", content = "plan the release" })
      lc.session.append({ role = "assistant", content = "1. tag\\n2. publish" })
      local msgs = lc.session.messages()
      lc.emit("test:read", { id = lc.session.current().id, count = lc.session.current().message_count,
        roles = { msgs[1].role, msgs[2].role }, last = lc.session.messages(1)[1].content })`);
    const got = await read;
    expect(errors()).toEqual([]);
    expect(got).toEqual({ id: chat.loop.session.id, count: 2, roles: ["user", "assistant"], last: "1. tag\n2. publish" });
    expect(chat.rt.buffers.getBlocks("transcript").map((b) => [b.role, b.text])).toEqual([["user", "plan the release"], ["assistant", "1. tag\n2. publish"]]);
    chat.close();
    const shown = await cliInProcess(["session", "show", chat.loop.session.id], p, { LOCAL_KEY: KEY });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("plan the release");
    expect(shown.stdout).toContain("1. tag\n");
  });

  it("opens a new session and forks one, each listed", async () => {
    const { chat, next } = await luaChat([(res) => respond(res, textFrames("x"))], RUNNER);
    const done = next("done");
    lua(chat.rt, `
      local lc = require("librecode")
      local first = lc.session.current().id
      local seq = lc.session.append({ role = "user", content = "one" })
      lc.session.append({ role = "user", content = "two" })
      local fork = lc.session.fork(seq)
      local forked = #lc.session.messages()
      local fresh = lc.session.new("scratch")
      lc.emit("test:done", { parent = fork.parent_id == first, forked = forked, fresh = fresh.name, now = lc.session.current().id == fresh.id,
        listed = #lc.session.list() })`);
    expect(await done).toEqual({ parent: true, forked: 1, fresh: "scratch", now: true, listed: 3 });
  });

  it("says which function needs an open chat when there is none", async () => {
    const { withExtension } = await import("../lua/harness.js");
    const h = withExtension(RUNNER);
    lua(h.rt, `require("librecode").model.stream({}, {})`);
    expect(h.errors()[0]!.split("\n")[0]).toContain("model.stream: expected an open chat session, got none (render and extension run have no model)");
  });
});

describe("session.compact", () => {
  /** A chat with two answered prompts stored, the next request answered by `then`. */
  async function twoTurns(...then: Handler[]) {
    const h = await luaChat([(res) => respond(res, textFrames("one")), (res) => respond(res, textFrames("two")), ...then], RUNNER);
    await h.chat.loop.run("first question");
    await h.chat.loop.run("second question");
    return h;
  }
  const compactFrom = (rt: Runtime, opts: string) => lua(rt, `
    local lc = require("librecode")
    lc.session.compact(${opts}, function(r) lc.emit("test:compacted", r) end)`);

  it("summarises the oldest turns as /compact does: the summary request, the stored summary, the line shown", async () => {
    const { server, chat, next, errors } = await twoTurns((res) => respond(res, textFrames("SUMMARY")));
    const purposes: unknown[] = [];
    chat.rt.events.on("before_provider_request", (ev) => void purposes.push(ev.data.purpose));
    const done = next("compacted");
    compactFrom(chat.rt, "nil");
    expect(await done).toEqual({ compacted: true, replaced: 2, tokens: chat.loop.contextUse().tokens });
    expect(errors()).toEqual([]);
    expect(purposes).toEqual(["compaction"]);
    expect(server.requests[2]!.body.messages[1].content).toContain("user: first question\nassistant: one");
    expect(chat.store.loadContext(chat.loop.session.id).map((m) => [m.kind, m.text])).toEqual([
      ["summary", "SUMMARY"], ["user", "second question"], ["assistant", "two"],
    ]);
    expect(chat.rt.buffers.getBlocks("transcript").at(-1)!.text).toBe("Compacted 2 earlier messages into a summary.");
  });

  it('with when = "full" does nothing while the context is far from the window', async () => {
    const { server, chat, next } = await twoTurns();
    const done = next("compacted");
    compactFrom(chat.rt, '{ when = "full" }');
    expect(await done).toEqual({ compacted: false, replaced: 0, tokens: chat.loop.contextUse().tokens });
    expect(server.requests).toHaveLength(2);
  });

  it("shows a failed summary request and passes its error to the callback instead of raising", async () => {
    const { server, chat, next, errors } = await twoTurns(jsonError(400, { error: { message: "bad summary" } }));
    const done = next("compacted");
    compactFrom(chat.rt, "{}");
    const error = `compaction: summary request failed: local: ${server.origin}/v1: 400 bad summary`;
    expect(await done).toEqual({ compacted: false, replaced: 0, tokens: chat.loop.contextUse().tokens, error });
    expect(errors()).toEqual([]);
    expect(chat.rt.buffers.getBlocks("transcript").filter((b) => b.kind === "error").map((b) => b.text)).toEqual([error]);
    expect(chat.rt.buffers.get("status")!.metadata.compacting).toBe(false);
    lua(chat.rt, `require("librecode").session.compact({ when = "later" })`);
    expect(errors()[0]!.split("\n")[0]).toMatch(/session\.compact: opts\.when: expected "now" or "full", got "later"$/);
  });

  // A status line shows it from the event tables: an event handled while the summary is asked for sees it.
  it.each([
    ["session.compact", (chat: ReturnType<typeof openLoop>) => compactFrom(chat.rt, "nil")],
    ["/compact", (chat: ReturnType<typeof openLoop>) => void chat.loop.run("/compact")],
  ])("event tables say context.compacting = true while %s runs, false before and after", async (_, compact) => {
    let rt: Runtime | undefined;
    const probe = () => rt!.emit("test:probe", {});
    const h = await luaChat([(res) => respond(res, textFrames("one")), (res) => respond(res, textFrames("two")), (res) => {
      probe();
      respond(res, textFrames("SUMMARY"));
    }], RUNNER + `
      lc.on("test:probe", function(ev) lc.log("compacting " .. tostring(ev.context.compacting)) end)`);
    rt = h.chat.rt;
    await h.chat.loop.run("first question");
    await h.chat.loop.run("second question");
    probe();
    const compacted = new Promise<void>((resolve) => h.chat.loop.onEvent((ev) => void (ev.type === "compaction" && resolve())));
    compact(h.chat);
    await compacted;
    await new Promise((r) => setTimeout(r, 0));
    probe();
    expect(h.errors()).toEqual([]);
    expect(rt.log.entries().map((e) => e.text)).toEqual(["compacting false", "compacting true", "compacting false"]);
  });

  it("model.stream marks an error that says the request overflowed the window", async () => {
    const { chat, next } = await luaChat([jsonError(400, { error: { message: "This model's maximum context length is 8192 tokens" } })], RUNNER);
    const failed = next("error");
    lua(chat.rt, `
      local lc = require("librecode")
      lc.model.stream({ messages = { { role = "user", content = "hi" } } }, { on_error = function(err) lc.emit("test:error", err) end })`);
    expect(await failed).toMatchObject({ status: 400, context_overflow: true });
  });
});

describe("agent", () => {
  it("runs a prompt through the chat loop and says when it is busy", async () => {
    const { chat, next } = await luaChat([(res) => respond(res, textFrames("sure"))], `${RUNNER}
      local lc = require("librecode")
      lc.on("agent_end", function() lc.emit("test:end", { busy_at_end = lc.agent.busy() }) end)`);
    const ended = next("end");
    lua(chat.rt, `local lc = require("librecode"); lc.agent.run("hello"); lc.buf.set_var("status", "busy_now", lc.agent.busy())`);
    expect(chat.rt.buffers.getVar("status", "busy_now")).toBe(true);
    expect(await ended).toEqual({ busy_at_end: true });
    await chat.loop.idle();
    expect(chat.store.loadMessages(chat.loop.session.id).map((m) => m.text)).toEqual(["hello", "sure"]);
  });
});

describe("agent.set_loop", () => {
  it("ends the run with the loop's error when its function fails, and gives the turns back with set_loop(nil)", async () => {
    const { chat, errors } = await luaChat([(res) => respond(res, textFrames("stock answer"))], `${RUNNER}
      local lc = require("librecode")
      lc.agent.set_loop(function(run) error("no plan for " .. run.prompt) end)`);
    const r = await chat.loop.run("hi");
    expect(r).toMatchObject({ stopReason: "error", error: "agent loop: ext.lua:6: no plan for hi" });
    expect(errors()[0]!.split("\n")[0]).toBe("extension ext: agent loop failed: ext.lua:6: no plan for hi");
    lua(chat.rt, `require("librecode").agent.set_loop(nil)`);
    expect(await chat.loop.run("again")).toEqual({ stopReason: "stop", text: "stock answer", turns: 1 });
  });

  it("lets one extension own the loop, and refuses finish outside a run", async () => {
    const { chat, errors } = await luaChat([(res) => respond(res, textFrames("x"))], `${RUNNER}
      require("librecode").agent.set_loop(function(run) require("librecode").agent.finish({ text = "done by lua" }) end)`);
    const other = join(chat.rt.cwd, "..", "other.lua");
    writeFileSync(other, `require("librecode").agent.set_loop(function() end)`);
    new ExtensionHost(chat.rt, { cwd: chat.rt.cwd }).loadPaths([other]);
    lua(chat.rt, `require("librecode").agent.finish()`);
    expect(errors().map((e) => e.split("\n")[0]!)).toEqual([
      "extension other: load failed: agent.set_loop: expected no other loop, got the one of extension ext",
      "extension ext: test:run handler failed: agent.finish: expected a run of this extension's loop, got none running",
    ]);
    expect(await chat.loop.run("hi")).toEqual({ stopReason: "stop", text: "done by lua", turns: 0 });
  });
});
