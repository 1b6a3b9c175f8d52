// The offline `script` provider: plays scripted turns with realistic pacing, so a fresh install,
// the tests and the demos run the whole chat loop (thinking, streaming, real tool calls) without a network.
import { requestChars } from "./message-chars.js";
import type { ModelEvent, ModelMessage, ModelRequest, Provider } from "./model-types.js";
import type { ModelScript, ScriptTurn } from "./model-script.js";
import { abortableSleep } from "./retry.js";

export type ScriptProviderConfig = {
  id?: string;
  script: ModelScript;
  /** Injectable so tests do not wait; resolves early when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

/** Lines of a tool result `{{tool_result}}` shows before eliding the rest. */
const RESULT_LINES = 15;

/**
 * Creates a Provider that plays the next turn of `script` on each request. A request ending in a
 * user message after the last turn starts the script again; one ending in a tool result then gets
 * a short closing note instead (so a script whose last turn calls a tool cannot loop forever).
 */
export function createScriptProvider(cfg: ScriptProviderConfig): Provider {
  const id = cfg.id ?? "script";
  const sleep = cfg.sleep ?? abortableSleep;
  let next = 0;
  let callSeq = 0;
  return {
    id,
    api: "script",
    stream(req, opts) {
      // The hook sees the request for symmetry with the HTTP providers; nothing is sent anywhere.
      opts.onPayload?.({
        provider: id,
        model: req.model,
        url: `script:${cfg.script.source}`,
        headers: {},
        body: { model: req.model, system: req.system, messages: structuredClone(req.messages) },
      });
      const last = req.messages[req.messages.length - 1];
      let turn: ScriptTurn;
      if (next < cfg.script.turns.length) turn = cfg.script.turns[next++];
      else if (last?.role === "tool") turn = { text: "(end of script)", toolCalls: [], chunk: 64, delayMs: 0 };
      else {
        next = 1;
        turn = cfg.script.turns[0];
      }
      return play(turn, req, opts.signal, sleep, () => `script_call_${++callSeq}`);
    },
  };
}

async function* play(
  turn: ScriptTurn,
  req: ModelRequest,
  signal: AbortSignal,
  sleep: (ms: number, signal: AbortSignal) => Promise<void>,
  nextId: () => string,
): AsyncGenerator<ModelEvent> {
  let output = 0;
  const pieces = function* (text: string): Generator<string> {
    for (let i = 0; i < text.length; i += turn.chunk) yield text.slice(i, i + turn.chunk);
  };
  const pause = async () => {
    if (turn.delayMs > 0) await sleep(turn.delayMs, signal);
    return signal.aborted;
  };
  if (signal.aborted) return yield { type: "done", stopReason: "aborted" };
  for (const piece of pieces(fillTemplate(turn.thinking ?? "", req.messages))) {
    if (await pause()) return yield { type: "done", stopReason: "aborted" };
    output += piece.length;
    yield { type: "thinking_delta", text: piece };
  }
  for (const piece of pieces(fillTemplate(turn.text, req.messages))) {
    if (await pause()) return yield { type: "done", stopReason: "aborted" };
    output += piece.length;
    yield { type: "text_delta", text: piece };
  }
  for (const [index, call] of turn.toolCalls.entries()) {
    if (await pause()) return yield { type: "done", stopReason: "aborted" };
    const id = nextId();
    yield { type: "tool_call_start", id, name: call.name, index };
    for (const piece of pieces(call.arguments)) yield { type: "tool_call_delta", id, argumentsDelta: piece };
    output += call.arguments.length;
    yield { type: "tool_call_end", id, name: call.name, arguments: call.arguments };
  }
  // Counted as the context estimate counts (system, tool definitions, messages; ~4 characters a
  // token), so the context figure does not jump when the first count replaces the estimate.
  const input = requestChars(req.system, req.tools, req.messages);
  output += turn.toolCalls.reduce((n, c) => n + c.name.length + 16, 0);
  yield { type: "usage", input: Math.ceil(input / 4), output: Math.ceil(output / 4) };
  yield { type: "done", stopReason: turn.toolCalls.length ? "tool_use" : "stop" };
}

/** Replaces `{{tool_result}}` and `{{tool_result_lines}}` with the last tool result of the request. */
export function fillTemplate(text: string, messages: ModelMessage[]): string {
  if (!text.includes("{{")) return text;
  let result = "";
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.role === "tool") {
      result = m.content;
      break;
    }
  }
  const lines = result.split("\n").filter((l) => l.trim() !== "");
  const shown = lines.length > RESULT_LINES ? [...lines.slice(0, RESULT_LINES), `… (${lines.length - RESULT_LINES} more)`] : lines;
  return text.replaceAll("{{tool_result_lines}}", String(lines.length)).replaceAll("{{tool_result}}", shown.join("\n"));
}
