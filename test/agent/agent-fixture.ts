// Real parts for the chat loop tests: a loopback server speaking OpenAI's SSE, a scratch project
// with LIBRECODE_HOME and a config pointing at the server, an in-process loop, and the real CLI.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach } from "vitest";
import { openChatLoop, type OpenedChat, type OpenChatOptions } from "../../engine/agent/open-chat-loop.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { ExtensionHost } from "../../lua/extension-host.js";
import { customLoopOf } from "../../engine/agent/agent-handle.js";
import { BIN } from "../cli/run-cli.js";
import { startLoopback, type Handler, type Loopback, type Received } from "../model/loopback-server.js";
import { tempDir } from "../support/temp-tree.js";

const base = { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1764000000, model: "m1" };
const frame = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null })}\n\n`;
const usageFrame = (prompt: number, completion: number) =>
  `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } })}\n\n`;
const DONE = "data: [DONE]\n\n";

/** A `serve(handlers)` for the calling test file: each server it starts is closed after its test. */
export function loopbackPerTest(): (handlers: Handler[]) => Promise<Loopback> {
  const open: Loopback[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async (handlers) => {
    const server = await startLoopback(handlers);
    open.push(server);
    return server;
  };
}

/** SSE frames of a text answer, streamed in `pieces`. */
export function textFrames(...pieces: string[]): string[] {
  return answerFrames(pieces, 100);
}

/** Text answer frames reporting `promptTokens` as the request's size. */
export function answerFrames(pieces: string[], promptTokens: number): string[] {
  return [frame({ role: "assistant", content: "" }), ...pieces.map((p) => frame({ content: p })), frame({}, "stop"), usageFrame(promptTokens, 10), DONE];
}

// Frames as api.anthropic.com streams them.
const aFrame = (event: string, data: object) => `event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`;

/** Anthropic messages SSE frames of a text answer streamed in `pieces`. */
export function anthropicTextFrames(...pieces: string[]): string[] {
  return [
    aFrame("message_start", { message: { id: "msg_1", type: "message", role: "assistant", model: "claude-test", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 30, output_tokens: 1 } } }),
    aFrame("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    ...pieces.map((text) => aFrame("content_block_delta", { index: 0, delta: { type: "text_delta", text } })),
    aFrame("content_block_stop", { index: 0 }),
    aFrame("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 20 } }),
    aFrame("message_stop", {}),
  ];
}

/** Config lines adding provider `claude` (anthropic-messages) at `origin`, for `project(origin, extra)`. */
export function claudeProvider(origin: string): string {
  return ["  claude:", "    api: anthropic-messages", `    base_url: ${origin}`, "    api_key_env: LOCAL_KEY", "    models: [claude-test]"].join("\n");
}

/** Every lifecycle and UI event the chat loop emits. */
export const LOOP_EVENTS = [
  "input", "prompt_submit", "prompt_prepare", "prompt_user_entry", "prompt_done", "session_start", "session_load",
  "session_save", "before_agent_start", "agent_start", "turn_start", "context_build", "model_request",
  "before_provider_request", "after_provider_response", "provider_error", "model_delta", "thinking_delta",
  "retry_start", "retry_end", "tool_call", "tool_start", "tool_delta", "tool_result", "tool_error", "tool_end",
  "message_append", "turn_end", "agent_end", "shutdown",
];

/** SSE frames of one tool call whose JSON arguments arrive in two pieces. */
export function toolFrames(id: string, name: string, args: object): string[] {
  const json = JSON.stringify(args);
  const half = Math.floor(json.length / 2);
  return [
    frame({ role: "assistant", content: null, tool_calls: [{ index: 0, id, type: "function", function: { name, arguments: "" } }] }),
    frame({ tool_calls: [{ index: 0, function: { arguments: json.slice(0, half) } }] }),
    frame({ tool_calls: [{ index: 0, function: { arguments: json.slice(half) } }] }),
    frame({}, "tool_calls"),
    usageFrame(120, 20),
    DONE,
  ];
}

/** Writes SSE frames as a complete response. */
export function respond(res: Parameters<Handler>[0], frames: string[]): void {
  res.writeHead(200, { "content-type": "text/event-stream" });
  for (const f of frames) res.write(f);
  res.end();
}

/** The messages the server received in request `i`, as `role: text` lines (tool calls as `call name args`). */
export function transcriptOf(r: Received): string[] {
  return (r.body.messages as any[]).map((m) => {
    if (m.tool_calls) return `assistant: ${m.content ?? ""}${m.tool_calls.map((c: any) => ` [call ${c.function.name} ${c.function.arguments}]`).join("")}`;
    if (m.role === "system") return "system: ...";
    return `${m.role}: ${m.content}`;
  });
}

export type Project = { root: string; cwd: string; home: string; write(path: string, text: string): string };

/** A temp root holding `project/` (the cwd) and `home/` (LIBRECODE_HOME) with a config for the server. */
export function project(origin: string, extra = ""): Project {
  const root = tempDir("librecode-agent-");
  const cwd = join(root, "project");
  const home = join(root, "home");
  mkdirSync(cwd, { recursive: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, "config.yaml"), [
    "assistant:",
    "  provider: local",
    "  model: m1",
    "providers:",
    "  local:",
    "    api: openai-chat",
    `    base_url: ${origin}/v1`,
    "    api_key_env: LOCAL_KEY",
    "    models: [m1]",
    extra,
  ].join("\n"));
  const write = (path: string, text: string) => {
    const full = join(cwd, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    return full;
  };
  return { root, cwd, home, write };
}

/** The key the tests' provider is configured with (it must never show up anywhere but the HTTP header). */
export const KEY = "sk-local-test-key-0123456789abcdef";

/** The environment a child or in-process loop sees. */
export function envFor(p: Project): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: p.home, LIBRECODE_HOME: p.home, LOCAL_KEY: KEY };
}

/** The loops the behavioural tests run against: the stock turns, and examples/extensions/lua-loop in their place. */
export const LOOPS = ["stock", "lua-loop"] as const;
export type LoopKind = (typeof LOOPS)[number];

/**
 * An in-process chat loop on a fresh Runtime; deltas are written at once (no frame coalescing in
 * tests). With `kind` "lua-loop" the example extension is loaded first and runs every prompt's turns.
 */
export function openLoop(p: Project, extra: Partial<OpenChatOptions> = {}, kind: LoopKind = "stock"): OpenedChat & { rt: Runtime } {
  const rt = new Runtime({ cwd: p.cwd });
  if (kind === "lua-loop") {
    new ExtensionHost(rt, { cwd: p.cwd, home: p.home }).loadPaths([join(import.meta.dirname, "..", "..", "examples", "extensions", "lua-loop")]);
    if (rt.errors.length > 0 || customLoopOf(rt)?.owner !== "lua-loop") throw new Error(`lua-loop: not loaded: ${rt.errors.map((e) => e.message).join("; ")}`);
  }
  const chat = openChatLoop({ runtime: rt, cwd: p.cwd, env: envFor(p), retry: { sleep: async () => {} }, defer: (fn) => fn(), ...extra });
  return { ...chat, rt };
}

export type Child = { proc: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<number> };

/** Starts `librecode ARGS` as a real child process in the project. */
export function startCli(args: string[], p: Project, input?: string): Child {
  const proc = spawn(process.execPath, [BIN, ...args], { cwd: p.cwd, env: envFor(p), stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (err += d));
  if (input !== undefined) proc.stdin!.end(input);
  else proc.stdin!.end();
  const exit = new Promise<number>((resolve) => proc.on("close", (code, signal) => resolve(code ?? (signal ? -1 : 0))));
  return { proc, stdout: () => out, stderr: () => err, exit };
}

/** Runs the CLI to the end. */
export async function runCli(args: string[], p: Project, input?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  const c = startCli(args, p, input);
  const code = await c.exit;
  return { stdout: c.stdout(), stderr: c.stderr(), code };
}
