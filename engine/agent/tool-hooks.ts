// The `tool_call` and `tool_result` events around a tool run outside a chat (`librecode tool run`),
// with the payloads and readers the chat's tool step uses, so a hook sees the same event either way.
import type { Runtime } from "../kernel/runtime.js";
import type { ToolHooks } from "../tools/tool-cli.js";
import { readString, readToolArguments, readToolResult } from "./lifecycle-payloads.js";

/** Hooks that emit `tool_call` / `tool_result` on rt for a call with id `call_id`. */
export function runtimeToolHooks(rt: Runtime, callId = "cli_call_1"): ToolHooks {
  return {
    before(name, args) {
      const json = JSON.stringify(args);
      const data: Record<string, unknown> = {
        name, arguments: structuredClone(args), arguments_json: json, tool_call_id: callId,
        call_id: callId, parent_call_id: "", sequence: 1,
      };
      if (rt.emit("tool_call", data).consumed) return { refusal: readString(data, "reason", `tool ${name}: blocked by an extension`) };
      const read = readToolArguments(data, json);
      return "error" in read ? { refusal: read.error } : { args: read.args };
    },
    after(name, args, result) {
      const data: Record<string, unknown> = {
        name, tool_call_id: callId, content: result.content, is_error: result.isError, call_id: callId, parent_call_id: "",
        sequence: 1, result: result.content, error: result.isError ? result.content : "", arguments: structuredClone(args),
        arguments_json: JSON.stringify(args), details_json: "",
      };
      rt.emit("tool_result", data);
      return readToolResult(data, result);
    },
  };
}
