import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { statusText } from "../../engine/chat/status-line.js";
import { goDuration } from "../../engine/agent/model-turn.js";
import { SessionStore } from "../../engine/session/session-store.js";
import { jsonError } from "../model/loopback-server.js";
import { KEY, LOOP_EVENTS, LOOPS, loopbackPerTest, openLoop, project, respond, textFrames, toolFrames, transcriptOf, type LoopKind } from "./agent-fixture.js";

const serve = loopbackPerTest();

async function readThenDone(kind: LoopKind = "stock") {
  const server = await serve([
    (res) => respond(res, toolFrames("call_1", "read", { path: "public.txt" })),
    (res) => respond(res, textFrames("Do", "ne")),
  ]);
  const p = project(server.origin);
  p.write("public.txt", "nothing to see\n");
  p.write("secret.txt", `password: hello\nkey: ${KEY}\n`);
  const chat = openLoop(p, {}, kind);
  const seen: string[] = [];
  for (const name of LOOP_EVENTS) chat.rt.events.on(name, (ev) => void seen.push(name === "session_save" ? `session_save ${ev.data.kind}` : name));
  return { p, chat, seen, server };
}

// The same bodies run against the stock turns and against examples/extensions/lua-loop in their place.
describe.each(LOOPS)("chat loop events (%s loop)", (kind) => {
  it("fires the lifecycle and UI events of one run in order", async () => {
    const { chat, seen } = await readThenDone(kind);
    chat.loop.start(false);
    const r = await chat.loop.run("read it");
    expect(r).toEqual({ stopReason: "stop", text: "Done", turns: 2 });
    chat.loop.shutdown();
    expect(seen).toEqual([
      "session_start",
      "input", "prompt_submit", "prompt_prepare", "session_save user", "message_append", "prompt_user_entry",
      "before_agent_start", "agent_start",
      "turn_start", "context_build", "model_request", "before_provider_request",
      "session_save assistant", "message_append", "after_provider_response",
      "tool_call", "tool_start", "tool_result", "tool_end", "session_save tool_result", "message_append",
      "context_build", "model_request", "before_provider_request", "model_delta", "model_delta",
      "session_save assistant", "message_append", "after_provider_response",
      "turn_end", "agent_end", "prompt_done", "shutdown",
    ]);
  });

  it("lets handlers rewrite tool arguments, redact results, add context and edit the request body, but not its key", async () => {
    const { chat, server } = await readThenDone(kind);
    const shown: unknown[] = [];
    chat.rt.events.on("tool_call", (ev) => void ((ev.data.arguments as { path: string }).path = "secret.txt"));
    chat.rt.events.on("tool_result", (ev) => void (ev.data.content = String(ev.data.content).replace("hello", "[hidden]")));
    chat.rt.events.on("context_build", (ev) => void (ev.data.contributions as string[]).push("The user prefers short answers."));
    chat.rt.events.on("before_provider_request", (ev) => {
      const headers = ev.data.headers as Record<string, string>;
      shown.push(headers.authorization);
      headers.authorization = "Bearer stolen";
      headers["x-trace"] = "t1";
      (ev.data.body as Record<string, unknown>).temperature = 0.25;
    });
    await chat.loop.run("read it");
    const [first, second] = server.requests;
    expect(shown).toEqual(["[redacted]", "[redacted]"]);
    expect(first!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(first!.headers["x-trace"]).toBe("t1");
    expect(first!.body.temperature).toBe(0.25);
    expect(first!.body.messages[0].content).toMatch(/\n\nThe user prefers short answers\.$/);
    expect(transcriptOf(second!).slice(2)).toEqual([
      'assistant:  [call read {"path":"public.txt"}]',
      "tool:      1\tpassword: [hidden]\n     2\tkey: [redacted]",
    ]);
    const store = SessionStore.open(chat.store.path.replace(/\/librecode\.db$/, ""));
    const stored = store.loadMessages(chat.loop.session.id).map((m) => m.text).join("\n");
    store.close();
    expect(stored).not.toContain(KEY);
    expect(stored).toContain("password: [hidden]");
  });

  it("shows request hooks no key, even one a prompt carried", async () => {
    const { chat, server } = await readThenDone(kind);
    const bodies: string[] = [];
    chat.rt.events.on("before_provider_request", (ev) => void bodies.push(JSON.stringify(ev.data)));
    await chat.loop.run(`is ${KEY} my key?`);
    expect(bodies.join("")).not.toContain(KEY);
    expect(bodies[0]).toContain("is [redacted] my key?");
    expect(server.requests[0]!.body.messages.at(-1).content).toBe("is [redacted] my key?");
  });

  it("blocks a tool call a handler consumed, with an error result the model sees", async () => {
    const { chat, server } = await readThenDone(kind);
    const errors: unknown[] = [];
    chat.rt.events.on("tool_call", (ev) => {
      ev.data.reason = "read: not allowed in this project";
      ev.consume();
    });
    chat.rt.events.on("tool_error", (ev) => void errors.push(ev.data));
    await chat.loop.run("read it");
    expect(errors).toEqual([{
      name: "read", tool_call_id: "call_1", error: "read: not allowed in this project", result: "read: not allowed in this project",
      is_error: true, call_id: "call_1", parent_call_id: "", sequence: 1, arguments_json: '{"path":"public.txt"}', details_json: "",
    }]);
    expect(server.requests[1]!.body.messages.at(-1)).toEqual({ role: "tool", tool_call_id: "call_1", content: "read: not allowed in this project" });
    const block = chat.rt.buffers.getBlocks("transcript").find((b) => b.kind === "tool")!;
    expect(block.metadata).toEqual({
      name: "read", arguments: { path: "public.txt" }, arguments_json: '{"path":"public.txt"}', tool_call_id: "call_1",
      status: "error", result: "read: not allowed in this project",
    });
  });

  it("caps context contributions and reports what it dropped", async () => {
    const { chat, server } = await readThenDone(kind);
    chat.rt.events.on("context_build", (ev) => {
      (ev.data.contributions as string[]).push("small note", "y".repeat(20_000));
    });
    await chat.loop.run("read it");
    expect(server.requests[0]!.body.messages[0].content).toMatch(/\n\nsmall note$/);
    expect(chat.rt.errors.map((e) => e.message)).toContain(
      "context_build: contributions: expected at most 16384 characters in total, got 20010; dropped 20000",
    );
  });

  it("sends nothing when an input handler consumes the prompt, and the rewritten text otherwise", async () => {
    const { chat, server } = await readThenDone(kind);
    chat.rt.events.on("input", (ev) => {
      if (ev.data.text === "secret plan") ev.consume();
      else ev.data.text = `${String(ev.data.text)} (rewritten)`;
    });
    expect(await chat.loop.run("secret plan")).toEqual({ stopReason: "consumed", text: "", turns: 0 });
    expect(server.requests).toEqual([]);
    await chat.loop.run("read it");
    expect(server.requests[0]!.body.messages.at(-1)).toEqual({ role: "user", content: "read it (rewritten)" });
  });

  it("streams the answer into the transcript as blocks the renderer draws", async () => {
    const { chat } = await readThenDone(kind);
    await chat.loop.run("read it");
    expect(chat.rt.buffers.getBlocks("transcript").map((b) => [b.kind, b.role, b.text, b.streaming, b.metadata.status ?? null])).toEqual([
      ["message", "user", "read it", false, null],
      ["tool", "tool", "     1\tnothing to see", false, "success"],
      ["message", "assistant", "Done", false, null],
    ]);
    const status = chat.rt.buffers.get("status")!.metadata;
    expect(status).toMatchObject({ provider: "local", model: "m1", model_label: "local/m1", context_window: 32768, working: false });
    expect(status.context_tokens).toBeGreaterThan(100);
  });
});

describe("chat loop stream events", () => {
  it("announces a retried request with retry_start and retry_end", async () => {
    const server = await serve([
      jsonError(503, { error: { message: "overloaded" } }),
      (res) => respond(res, textFrames("fine")),
    ]);
    const chat = openLoop(project(server.origin));
    const seen: unknown[] = [];
    for (const name of ["retry_start", "retry_end"]) chat.rt.events.on(name, (ev) => void seen.push([name, ev.data]));
    expect((await chat.loop.run("hi")).text).toBe("fine");
    expect(seen).toEqual([
      ["retry_start", { attempt: 2, delay_ms: expect.any(Number), reason: "503 overloaded", prompt_id: 1, text: expect.stringMatching(/^retrying model request in \d+s$/) }],
      ["retry_end", { attempt: 2, ok: true, prompt_id: 1, text: "retrying model request" }],
    ]);
  });

  it("retry_start's text writes the wait as the original did (Go durations, whole seconds)", () => {
    expect([400, 4000, 90_000, 3_600_000].map(goDuration)).toEqual(["0s", "4s", "1m30s", "1h0m0s"]);
  });

  it("shows a waiting retry in the status line, and clears it when the retried request answers", async () => {
    const server = await serve([
      jsonError(429, { error: { message: "rate limited" } }),
      (res) => respond(res, textFrames("fine")),
    ]);
    const chat = openLoop(project(server.origin));
    const notes: unknown[] = [];
    chat.rt.onDirty(() => {
      const r = chat.rt.buffers.get("status")?.metadata.retry;
      if (notes.at(-1) !== r) notes.push(r);
    });
    expect((await chat.loop.run("hi")).text).toBe("fine");
    expect(notes.filter((n) => n !== undefined)).toEqual([expect.stringMatching(/^retry 2 in \d+(\.\d)? s: 429 rate limited$/)]);
    expect(notes.at(-1)).toBeUndefined();
    expect(statusText({ model_label: "m", retry: "retry 2 in 1.5 s: 429 rate limited" })).toBe("m · retry 2 in 1.5 s: 429 rate limited");
  });

  it("streams reasoning as thinking_delta into a thinking block and the thinking pane's buffer", async () => {
    const reasoning = (text: string) => `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m1", choices: [{ index: 0, delta: { reasoning_content: text }, finish_reason: null }] })}\n\n`;
    const server = await serve([(res) => respond(res, [reasoning("Let me "), reasoning("think."), ...textFrames("Answer")])]);
    const chat = openLoop(project(server.origin));
    const deltas: unknown[] = [];
    chat.rt.events.on("thinking_delta", (ev) => void deltas.push(ev.data.text));
    await chat.loop.run("hi");
    expect(deltas).toEqual(["Let me ", "think."]);
    expect(chat.rt.buffers.getBlocks("transcript").map((b) => [b.kind, b.role, b.text])).toEqual([
      ["message", "user", "hi"], ["thinking", "assistant", "Let me think."], ["message", "assistant", "Answer"],
    ]);
    expect(chat.rt.buffers.getText("thinking")).toBe("Let me think.");
    expect(chat.store.loadMessages(chat.loop.session.id).at(-1)!.payload).toEqual({ thinking: "Let me think.", usage: { input: 100, output: 10 } });
  });

  it("message_append carries the original's entry fields: tool name, arguments and status on a tool result", async () => {
    const { chat } = await readThenDone();
    const appended: Record<string, unknown>[] = [];
    chat.rt.events.on("message_append", (ev) => void appended.push(ev.data));
    await chat.loop.run("read it");
    const entry = (d: Record<string, unknown>) => [d.role, d.model_facing, d.token_estimate, d.tool_name, d.tool_args_json, d.tool_status, d.custom_type, d.branch_from_entry_id, d.compaction_tokens_before];
    expect(appended.filter((d) => d.role !== "assistant").map(entry)).toEqual([
      ["user", true, 2, "", "", "", "", "", 0],
      ["tool", false, 4, "read", '{"path":"public.txt"}', "success", "", "", 0],
    ]);
  });

  it("before_agent_start and agent_start carry the original's turn-start fields; context_build and agent_end its usage tables", async () => {
    const { chat, p } = await readThenDone();
    const got: Record<string, Record<string, unknown>> = {};
    for (const name of ["before_agent_start", "agent_start", "context_build", "after_provider_response", "agent_end"]) {
      chat.rt.events.on(name, (ev) => void (got[`${name}${got[name] ? 2 : ""}`] = JSON.parse(JSON.stringify(ev.data))));
    }
    await chat.loop.run("read it");
    const turnStart = { session_id: chat.loop.session.id, cwd: p.cwd, prompt: "read it", user_entry_id: "1", parent_entry_id: "" };
    expect(got.before_agent_start).toMatchObject(turnStart);
    expect(got.agent_start).toMatchObject(turnStart);
    expect(got.context_build2).toMatchObject({
      topContributors: [], model_facing_roles: { user: 1, assistant: 1, toolResult: 1 },
      usage: { topContributors: [], context_window: chat.loop.model.contextWindow, output_tokens: 0 },
    });
    expect(got.after_provider_response).toMatchObject({ api: "openai-chat" });
    const usage = got.agent_end!.usage as { breakdown: { system: number; history: number }; context_tokens: number; topContributors: unknown[] };
    expect(usage.topContributors).toEqual([]);
    expect(usage.breakdown.system + usage.breakdown.history).toBe(usage.context_tokens);
    expect(usage.breakdown.system).toBeGreaterThan(0);
  });

  it("session_start carries the original's session fields: name, parent_session, created_at and updated_at as text", async () => {
    const { chat, p } = await readThenDone();
    const starts: Record<string, unknown>[] = [];
    chat.rt.events.on("session_start", (ev) => void starts.push(ev.data));
    chat.loop.start(false);
    expect(starts).toEqual([expect.objectContaining({
      session_id: chat.loop.session.id, name: "", cwd: p.cwd, parent_session: "",
      created_at: new Date(chat.loop.session.createdAt).toISOString(), updated_at: new Date(chat.loop.session.updatedAt).toISOString(),
    })]);
  });

  it("prompt_user_entry, prompt_done and tool_end carry the original's fields", async () => {
    const { chat } = await readThenDone();
    const got: Record<string, Record<string, unknown>> = {};
    for (const name of ["prompt_user_entry", "prompt_done", "tool_end"]) chat.rt.events.on(name, (ev) => void (got[name] = ev.data));
    await chat.loop.run("read it");
    const session_id = chat.loop.session.id;
    expect(got.prompt_user_entry).toEqual({ text: "read it", session_id, entry_id: "1", prompt_id: 1 });
    expect(got.prompt_done).toEqual({ text: "Done", stop_reason: "stop", session_id, user_entry_id: "1", assistant_entry_id: "4", cached: false });
    expect(JSON.parse(got.tool_end!.details_json as string)).toMatchObject({ totalLines: 1 });
  });

  it("tool_result's details_json is the tool's details as JSON text", async () => {
    const { chat } = await readThenDone();
    const seen: unknown[] = [];
    chat.rt.events.on("tool_result", (ev) => void seen.push(ev.data.details_json));
    await chat.loop.run("read it");
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0] as string)).toMatchObject({ totalLines: 1 });
  });

  it("message_append of an assistant message carries the entry fields too, and every entry its parent, display and summary", async () => {
    const { chat } = await readThenDone();
    const appended: Record<string, unknown>[] = [];
    chat.rt.events.on("message_append", (ev) => void appended.push(ev.data));
    await chat.loop.run("read it");
    const fields = (d: Record<string, unknown>) => [d.role, d.entry_id, d.parent_id, d.display, d.summary, d.model_facing, d.token_estimate, d.model, typeof d.created_at];
    expect(appended.map(fields)).toEqual([
      ["user", "1", "", true, "", true, 2, "", "string"],
      ["assistant", "2", "1", true, "", true, 0, "m1", "string"],
      ["tool", "3", "2", true, "", false, 4, "", "string"],
      ["assistant", "4", "3", true, "", true, 1, "m1", "string"],
    ]);
  });

  it("reports a provider failure as provider_error and an error block", async () => {
    const server = await serve([jsonError(401, { error: { message: "invalid key" } })]);
    const chat = openLoop(project(server.origin));
    const errors: unknown[] = [];
    chat.rt.events.on("provider_error", (ev) => void errors.push(ev.data));
    const r = await chat.loop.run("hi");
    const message = `local: ${server.origin}/v1: 401 invalid key`;
    expect(r).toEqual({ stopReason: "error", text: "", turns: 1, error: message });
    expect(errors).toEqual([{
      provider: "local", model: "m1", api: "openai-chat", error: message, status: 401, session_id: chat.loop.session.id, attempt: 1,
      body_preview: '{"error":{"message":"invalid key"}}', request_shape: expect.objectContaining({ message_count: 2 }),
    }]);
    expect(chat.rt.buffers.getBlocks("transcript").at(-1)).toMatchObject({ kind: "error", text: message });
  });
});

describe("the system prompt", () => {
  it("holds every AGENTS.md from the filesystem root down to the cwd, outermost first", async () => {
    const server = await serve([(res) => respond(res, textFrames("ok"))]);
    const p = project(server.origin);
    p.write("AGENTS.md", "Use tabs.");
    p.write("pkg/AGENTS.md", "This package is the parser.");
    const chat = openLoop({ ...p, cwd: join(p.cwd, "pkg") });
    await chat.loop.run("hi");
    const system: string = server.requests[0]!.body.messages[0].content;
    expect(system).toContain(`Working directory: ${join(p.cwd, "pkg")}`);
    const outer = system.indexOf(`# Instructions from ${join(p.cwd, "AGENTS.md")}\n\nUse tabs.`);
    const inner = system.indexOf(`# Instructions from ${join(p.cwd, "pkg", "AGENTS.md")}\n\nThis package is the parser.`);
    expect(outer).toBeGreaterThan(0);
    expect(inner).toBeGreaterThan(outer);
  });
});
