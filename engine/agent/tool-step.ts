// One tool call the model made: `tool_call` handlers may rewrite its arguments or block it, the
// tool runs with the run's abort signal (its live output goes to the `tools` pane), `tool_result`
// handlers may rewrite what the model gets back, and the result is stored and shown.
import type { ImageContent, ModelToolCall } from "../model/model-types.js";
import type { ToolResultPayload } from "./conversation.js";
import { parseArguments, readString, readToolArguments, readToolResult } from "./lifecycle-payloads.js";
import { announceSaved, entryFields, scrub, type RunContext } from "./run-context.js";

export type ToolOutcome = { content: string; isError: boolean; seq: number; details?: unknown; images?: ImageContent[] };

/** How a step is recorded: `persist: false` stores no tool_result (a shell escape); `show: false`
 *  draws no transcript block or tools pane either (a Lua `tools.run` that records nothing); `meta`
 *  joins the block's; `sequence` is the call's 1-based place in the reply (payloads carry it). */
export type ToolStepOptions = { persist?: boolean; show?: boolean; meta?: Record<string, unknown>; sequence?: number };

/** Runs (or refuses) one tool call and commits its result message; `pendingBlock` is its block if one is shown already. */
export async function runToolStep(ctx: RunContext, call: ModelToolCall, pendingBlock?: string, opts: ToolStepOptions = {}): Promise<ToolOutcome> {
  const { rt, writer } = ctx;
  const parsed = parseArguments(call.arguments);
  let args: Record<string, unknown> = "args" in parsed ? parsed.args : {};
  let json = call.arguments;
  let refusal: string | undefined = "error" in parsed ? `tool ${call.name}: arguments: ${parsed.error}` : undefined;

  if (refusal === undefined) {
    // call_id, parent_call_id and sequence: the original's names, next to ours.
    const data: Record<string, unknown> = {
      name: call.name, arguments: structuredClone(args), arguments_json: json, tool_call_id: call.id,
      call_id: call.id, parent_call_id: "", sequence: opts.sequence ?? 0,
    };
    const r = rt.emit("tool_call", data);
    if (r.consumed) refusal = readString(data, "reason", `tool ${call.name}: blocked by an extension`);
    else {
      const read = readToolArguments(data, json);
      if ("error" in read) refusal = read.error;
      else ({ args, json } = read);
    }
  }

  const show = opts.show !== false;
  const meta = { ...opts.meta, name: call.name, arguments: args, arguments_json: json, tool_call_id: call.id, status: "pending" };
  const block = show ? (pendingBlock ?? writer.add("tool", "tool", "", meta)) : undefined;
  if (pendingBlock && show) writer.update(pendingBlock, meta);
  rt.emit("tool_start", { name: call.name, arguments_json: json, tool_call_id: call.id });
  if (show) ctx.output({ type: "tool_start", tool_call_id: call.id, name: call.name, arguments: args });
  if (show) writer.clearBuffer("tools");

  let content: string;
  let isError: boolean;
  let details: unknown;
  let images: ImageContent[] = [];
  let denied: string | undefined;
  if (refusal !== undefined) {
    content = refusal;
    isError = true;
  } else if (ctx.signal.aborted) {
    content = `tool ${call.name}: interrupted before it ran`;
    isError = true;
  } else if ((denied = await ctx.approval?.check({ name: call.name, args, callId: call.id }, ctx.signal)) !== undefined) {
    content = denied;
    isError = true;
  } else {
    const onUpdate = (partial: string) => {
      const text = scrub(ctx, partial);
      rt.emit("tool_delta", { name: call.name, tool_call_id: call.id, text });
      if (show) writer.streamToBuffer("tools", text);
    };
    const result = await rt.tools.run(call.name, args, { cwd: ctx.cwd, signal: ctx.signal, onUpdate, images: ctx.images === true });
    content = scrub(ctx, result.content);
    isError = result.isError === true;
    details = result.details;
    images = result.images ?? [];
  }

  // `result`, `error`, `call_id`, `arguments`...: the original's payload, next to ours.
  const resultData: Record<string, unknown> = {
    name: call.name, tool_call_id: call.id, content, is_error: isError, call_id: call.id, parent_call_id: "",
    sequence: opts.sequence ?? 0, result: content, error: isError ? content : "", arguments: structuredClone(args),
    arguments_json: json, details_json: detailsJson(details),
  };
  rt.emit("tool_result", resultData);
  ({ content, isError } = readToolResult(resultData, { content, isError }));
  content = scrub(ctx, content);
  if (isError) {
    // The original's tool_error carries its tool_result fields (no `arguments` table).
    const { arguments: _args, content: _content, ...about } = resultData;
    rt.emit("tool_error", { ...about, name: call.name, tool_call_id: call.id, error: content, result: content, is_error: true });
  }

  if (block !== undefined) {
    writer.clearBuffer("tools");
    writer.update(block, { status: isError ? "error" : "success", result: content }, content);
  }
  const end: Record<string, unknown> = { name: call.name, arguments_json: json, tool_call_id: call.id, result: content, details_json: resultData.details_json };
  if (isError) end.error = content;
  rt.emit("tool_end", end);
  if (show) ctx.output({ type: "tool_end", tool_call_id: call.id, name: call.name, content, is_error: isError });

  // A result a hook turned into an error carries no image.
  if (isError) images = [];
  const extra = { ...(details !== undefined ? { details } : {}), ...(images.length ? { images } : {}) };
  if (opts.persist === false || !show) return { content, isError, seq: 0, ...extra };
  const payload: ToolResultPayload = {
    tool_call_id: call.id, name: call.name, is_error: isError, ...(images.length ? { images: images.map((i) => ({ mime_type: i.mimeType, data: i.data })) } : {}),
  };
  const record = ctx.store.appendMessage(ctx.sessionId, { kind: "tool_result", text: content, payload });
  announceSaved(ctx, record);
  rt.emit("message_append", { role: "tool", kind: "tool_result", text: content, tool_call_id: call.id, name: call.name, is_error: isError, ...entryFields(ctx, record, { ...call, isError }) });
  return { content, isError, seq: record.seq, ...extra };
}

/** A tool's details as the original's `details_json` text ("" when it gave none or they are not JSON). */
function detailsJson(details: unknown): string {
  if (details === undefined) return "";
  try {
    return JSON.stringify(details) ?? "";
  } catch {
    return "";
  }
}
