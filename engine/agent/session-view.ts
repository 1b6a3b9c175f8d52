// A stored session shown again in the transcript when it is resumed: the same block kinds the live
// loop writes, with interrupted answers marked so the user sees where a run was cut off.
import type { MessageRecord } from "../session/session-records.js";
import type { AssistantPayload, ToolResultPayload } from "./conversation.js";
import type { ShellPayload } from "./shell-escape.js";
import { storedChips, userBlockText } from "./image-records.js";

/** Where shown blocks go: the TranscriptWriter (appended), or a list to insert above older ones. */
export type BlockSink = { add(kind: string, role: string, text: string, metadata?: Record<string, unknown>): unknown };

/** Adds blocks for `records` (stored messages, originals before a summary included) to `writer`. */
export function showSession(writer: BlockSink, records: MessageRecord[]): void {
  const calls = new Map<string, { name: string; arguments: string }>();
  for (const r of records) {
    const interrupted = r.status !== "complete" ? { interrupted: true } : {};
    switch (r.kind) {
      case "user": {
        const shell = (r.payload as { shell?: ShellPayload } | null)?.shell;
        if (shell) showShell(writer, r.seq, shell);
        else writer.add("message", "user", userBlockText(r.text, storedChips(r.payload)));
        break;
      }
      case "assistant": {
        const p = (r.payload ?? {}) as AssistantPayload;
        if (p.thinking) writer.add("thinking", "assistant", p.thinking);
        if (r.text) writer.add("message", "assistant", r.text, { format: "markdown", ...interrupted });
        for (const c of p.tool_calls ?? []) calls.set(c.id, { name: c.name, arguments: c.arguments });
        break;
      }
      case "tool_result": {
        const p = (r.payload ?? {}) as Partial<ToolResultPayload>;
        const call = calls.get(String(p.tool_call_id));
        let args: unknown = {};
        try {
          args = JSON.parse(call?.arguments || "{}");
        } catch {
          args = {};
        }
        writer.add("tool", "tool", r.text, {
          name: p.name ?? call?.name ?? "tool", arguments: args, arguments_json: call?.arguments ?? "{}",
          tool_call_id: p.tool_call_id ?? "", status: p.is_error ? "error" : "success", result: r.text,
        });
        break;
      }
      case "summary":
        writer.add("system", "system", `Summary of earlier messages:\n${r.text}`, { compaction: true });
        break;
      case "system":
        // A failed request's error (stock-turns.ts) shows as it did live.
        writer.add((r.payload as { error?: unknown } | undefined)?.error === true ? "error" : "system", "system", r.text);
        break;
      default:
        break;
    }
  }
}

// A `!cmd` the user ran: the tool block it showed live, not the note the model was sent.
function showShell(writer: BlockSink, seq: number, p: ShellPayload): void {
  const args = { command: p.command };
  writer.add("tool", "tool", p.output, {
    name: "bash", arguments: args, arguments_json: JSON.stringify(args), tool_call_id: `shell_${seq}`,
    status: p.is_error ? "error" : "success", result: p.output, shell: "context",
  });
}
