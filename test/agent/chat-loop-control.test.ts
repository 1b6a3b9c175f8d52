import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonError, sseThenStall, type Handler } from "../model/loopback-server.js";
import { answerFrames, LOOPS, loopbackPerTest, openLoop, project, respond, textFrames, toolFrames, transcriptOf, type LoopKind } from "./agent-fixture.js";

const serve = loopbackPerTest();

async function setup(handlers: Handler[], extraConfig = "", kind: LoopKind = "stock") {
  const server = await serve(handlers);
  const p = project(server.origin, extraConfig);
  p.write("a.txt", "alpha\n");
  const chat = openLoop(p, {}, kind);
  chat.loop.start(false);
  return { p, chat, server };
}

const readA: Handler = (res) => respond(res, toolFrames("call_1", "read", { path: "a.txt" }));
const answer = (text: string): Handler => (res) => respond(res, textFrames(text));

// The same bodies run against the stock turns and against examples/extensions/lua-loop in their place.
describe.each(LOOPS)("steering, follow-ups and interrupting (%s loop)", (kind) => {
  it("injects a steering message after the running turn's tool results", async () => {
    const { chat, server } = await setup([readA, answer("checked both")], "", kind);
    chat.rt.events.on("tool_start", () => void chat.loop.steer("also look at b.txt"));
    chat.loop.submit("look at a.txt");
    expect(chat.loop.working).toBe(true);
    await chat.loop.idle();
    expect(chat.loop.working).toBe(false);
    expect(transcriptOf(server.requests[1]!).slice(1)).toEqual([
      "user: look at a.txt",
      'assistant:  [call read {"path":"a.txt"}]',
      "tool:      1\talpha",
      "user: also look at b.txt",
    ]);
    const steer = chat.rt.buffers.getBlocks("transcript").find((b) => b.text === "also look at b.txt")!;
    expect([steer.kind, steer.role, steer.metadata]).toEqual(["message", "user", { steer: true }]);
  });

  it("runs a queued follow-up after the run ends, as a new prompt", async () => {
    const { chat, server } = await setup([readA, answer("alpha it is"), answer("you are welcome")], "", kind);
    const ends: string[] = [];
    chat.rt.events.on("tool_start", () => void chat.loop.queueFollowUp("thanks"));
    chat.rt.events.on("agent_end", () => void ends.push(`agent_end ${chat.loop.queued().length}`));
    chat.rt.events.on("input", (ev) => void ends.push(`input ${String(ev.data.text)}`));
    chat.loop.submit("look at a.txt");
    await chat.loop.idle();
    expect(ends).toEqual(["input look at a.txt", "agent_end 1", "input thanks", "agent_end 0"]);
    expect(transcriptOf(server.requests[2]!).slice(-3)).toEqual(["tool:      1\talpha", "assistant: alpha it is", "user: thanks"]);
  });

  it("gives back the newest follow-up to edit", async () => {
    const { chat } = await setup([readA, answer("ok")], "", kind);
    chat.rt.events.on("tool_start", () => {
      chat.loop.queueFollowUp("first");
      chat.loop.queueFollowUp("second");
      expect(chat.loop.dequeueFollowUp()).toBe("second");
    });
    chat.loop.submit("go");
    await chat.loop.idle();
    expect(chat.rt.buffers.getBlocks("transcript").filter((b) => b.role === "user").map((b) => b.text)).toEqual(["go", "first"]);
  });

  it("interrupts at once and keeps what streamed as an interrupted message", async () => {
    const { chat } = await setup([sseThenStall(answerFrames(["Half an ", "answer"], 50).slice(0, 3))], "", kind);
    chat.rt.events.on("model_delta", (ev) => {
      if (ev.data.text === "answer") chat.loop.interrupt();
    });
    const r = await chat.loop.run("tell me");
    expect(r).toEqual({ stopReason: "aborted", text: "Half an answer", turns: 1 });
    const stored = chat.store.loadMessages(chat.loop.session.id).map((m) => [m.kind, m.status, m.text]);
    expect(stored).toEqual([["user", "complete", "tell me"], ["assistant", "interrupted", "Half an answer"]]);
    const blocks = chat.rt.buffers.getBlocks("transcript").map((b) => [b.kind, b.text, b.streaming, b.metadata.interrupted ?? false]);
    expect(blocks).toEqual([
      ["message", "tell me", false, false],
      ["message", "Half an answer", false, true],
      ["system", "Interrupted.", false, false],
    ]);
  });

  it("shows a tool call as soon as it starts streaming, and marks it not run when cut off", async () => {
    const { chat } = await setup([sseThenStall(toolFrames("call_1", "write", { path: "big.txt", content: "..." }).slice(0, 2))], "", kind);
    const running = chat.loop.run("write a big file");
    const tools = () => chat.rt.buffers.getBlocks("transcript").filter((b) => b.kind === "tool");
    while (tools().length === 0) await new Promise((r) => setImmediate(r));
    expect(tools().map((b) => b.metadata)).toEqual([{ name: "write", arguments: {}, arguments_json: "", tool_call_id: "call_1", status: "pending" }]);
    chat.loop.interrupt();
    expect((await running).stopReason).toBe("aborted");
    expect(tools().map((b) => [b.text, b.metadata.status])).toEqual([["not run: the reply was cut off", "error"]]);
  });

  it("stops a running tool through the abort signal", async () => {
    const { chat } = await setup([(res) => respond(res, toolFrames("call_1", "bash", { command: "echo started; sleep 30" })), answer("never")], "", kind);
    const deltas: unknown[] = [];
    chat.rt.events.on("tool_delta", (ev) => {
      deltas.push(ev.data);
      chat.loop.interrupt();
    });
    const r = await chat.loop.run("wait");
    expect(r.stopReason).toBe("aborted");
    expect(deltas).toEqual([{ name: "bash", tool_call_id: "call_1", text: "started\n" }]);
    const tool = chat.store.loadMessages(chat.loop.session.id).find((m) => m.kind === "tool_result")!;
    expect(tool.payload).toEqual({ tool_call_id: "call_1", name: "bash", is_error: true });
  });
});

// Compaction as the stock turns do it, and as examples/extensions/lua-loop does it with session.compact.
describe.each(LOOPS)("compaction (%s loop)", (kind) => {
  it("replaces the oldest turns with a summary the model wrote, keeping the recent ones verbatim", async () => {
    const { chat, server } = await setup([
      answer("one"), answer("two"),
      (res, req) => respond(res, textFrames(`SUMMARY of ${req.body.messages.length} messages`)),
      answer("three"),
    ], "", kind);
    await chat.loop.run("first question");
    await chat.loop.run("second question");
    expect(await chat.loop.compact()).toBe(true);
    const summaryReq = server.requests[2]!;
    expect(summaryReq.body.tools).toBeUndefined();
    expect(summaryReq.body.messages[1].content).toContain("user: first question\nassistant: one");
    expect(summaryReq.body.messages[1].content).not.toContain("second question");
    await chat.loop.run("third question");
    const next = server.requests[3]!;
    expect(next.body.messages[0].content).toMatch(/# Summary of the earlier conversation\n\nSUMMARY of 2 messages$/);
    expect(transcriptOf(next).slice(1)).toEqual(["user: second question", "assistant: two", "user: third question"]);
    const context = chat.store.loadContext(chat.loop.session.id).map((m) => [m.kind, m.text]);
    expect(context).toEqual([
      ["summary", "SUMMARY of 2 messages"], ["user", "second question"], ["assistant", "two"],
      ["user", "third question"], ["assistant", "three"],
    ]);
  });

  it("compacts on its own when the estimate passes 85% of the model's window, the status saying compacting meanwhile", async () => {
    const big = "z".repeat(12_000);
    const compacting = () => chat.rt.buffers.get("status")!.metadata.compacting;
    const seen = new Set<string>();
    const { chat, server } = await setup([
      (res, req) => {
        const size = Math.ceil(JSON.stringify(req.body).length / 4);
        const summary = String(req.body.messages[0]?.content).startsWith("You summarise");
        seen.add(`${summary ? "summary" : "turn"} request, compacting: ${compacting()}`);
        respond(res, answerFrames([summary ? "the user sent big blobs" : "ok"], size));
      },
    ], "    context_window: 8000", kind);
    const compactions: number[] = [];
    chat.loop.onEvent((ev) => void (ev.type === "compaction" && compactions.push(ev.replaced)));
    for (let i = 0; i < 4 && compactions.length === 0; i++) await chat.loop.run(`${i}: ${big}`);
    expect(compactions.length).toBe(1);
    const last = server.requests.at(-1)!;
    expect(last.body.messages[0].content).toMatch(/# Summary of the earlier conversation\n\nthe user sent big blobs$/);
    expect(last.body.messages.filter((m: { role: string }) => m.role === "user")).toHaveLength(1);
    expect(chat.loop.contextUse().summary).toBe(true);
    expect([[...seen], compacting()]).toEqual([["turn request, compacting: false", "summary request, compacting: true"], false]);
  });

  it("compacts and asks again once when the provider says the request overflows its window", async () => {
    const { chat, server } = await setup([
      answer("one"), answer("two"),
      jsonError(400, { error: { message: "This model's maximum context length is 8192 tokens", type: "invalid_request_error" } }),
      answer("SUMMARY"), answer("three"),
    ], "", kind);
    await chat.loop.run("first");
    await chat.loop.run("second");
    const r = await chat.loop.run("third");
    expect(r).toEqual({ stopReason: "stop", text: "three", turns: 2 });
    expect(transcriptOf(server.requests[4]!).slice(1)).toEqual(["user: second", "assistant: two", "user: third"]);
    expect(chat.rt.buffers.getBlocks("transcript").filter((b) => b.kind === "error")).toEqual([]);
  });
});

describe.each(LOOPS)("assistant.max_turns (%s loop)", (kind) => {
  it("stops after assistant.max_turns turns with an error", async () => {
    const server = await serve([readA, readA, answer("never")]);
    const p = project(server.origin);
    const limited = openLoop(p, { configFile: writeConfig(p.root, "assistant:\n  max_turns: 2\n") }, kind);
    const r = await limited.loop.run("loop forever");
    expect(r).toEqual({ stopReason: "max_turns", text: "", turns: 2, error: "chat loop: stopped after 2 turns (assistant.max_turns)" });
    expect(server.requests).toHaveLength(2);
  });
});

describe("runs and sessions", () => {

  it("continues a session given by id, and refuses an unknown one", async () => {
    const { p, chat, server } = await setup([answer("first answer"), answer("second answer")]);
    await chat.loop.run("first");
    const again = openLoop(p, { sessionId: chat.loop.session.id });
    expect(again.resumed).toBe(true);
    again.loop.start(true);
    await again.loop.run("second");
    expect(transcriptOf(server.requests[1]!).slice(1)).toEqual(["user: first", "assistant: first answer", "user: second"]);
    expect(() => openLoop(p, { sessionId: "nope" })).toThrow('--session: "nope": expected a session id, name or unique id prefix, got no match');
  });
});

function writeConfig(dir: string, text: string): string {
  const file = join(dir, "extra.yaml");
  writeFileSync(file, text);
  return file;
}
