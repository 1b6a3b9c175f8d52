// What one run's steps share: the kernel, the transcript, the session, the abort signal and the
// listeners; plus the helpers every step uses to store a message and announce it.
import { redactSecrets } from "../auth/redact-secrets.js";
import type { Runtime } from "../kernel/runtime.js";
import type { MessageRecord } from "../session/session-records.js";
import type { SessionStore } from "../session/session-store.js";
import type { AgentEvent } from "./agent-events.js";
import type { ToolApproval } from "./tool-approval.js";
import type { TranscriptWriter } from "./transcript-writer.js";

export type RunContext = {
  rt: Runtime;
  writer: TranscriptWriter;
  store: SessionStore;
  sessionId: string;
  signal: AbortSignal;
  cwd: string;
  secrets: () => string[];
  output: (ev: AgentEvent) => void;
  /** Merges status metadata (a retry waiting shows in the status line); absent outside the chat. */
  status?: (patch: Record<string, unknown>) => void;
  /** The model accepts image content (the read tool returns images to it, else a note). */
  images?: boolean;
  /** Asks before calls of the tools config `tools.approve` lists; absent: every call runs. */
  approval?: ToolApproval;
  /** The running prompt's id (its user message's seq), the original's `prompt_id`; absent outside a prompt. */
  promptId?: number;
};

/** Emits `session_save` for a message just committed to the database. */
export function announceSaved(ctx: Pick<RunContext, "rt" | "sessionId">, r: MessageRecord): void {
  ctx.rt.emit("session_save", { session_id: ctx.sessionId, seq: r.seq, kind: r.kind, role: r.role, status: r.status });
}

/** `text` with every known key removed (tool output may print an environment or a config file). */
export function scrub(ctx: Pick<RunContext, "secrets">, text: string): string {
  return redactSecrets(text, ctx.secrets());
}

/** The original's estimate of an entry's tokens: a quarter of its trimmed characters, rounded up (0 when blank). */
function tokenEstimate(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? 0 : Math.max(1, Math.ceil([...trimmed].length / 4));
}

/**
 * The original's entry fields of a `message_append` payload for a stored message; `tool` the call
 * a tool result answers (its `tool_name`, `tool_args_json`, `tool_status`).
 */
export function entryFields(ctx: Pick<RunContext, "sessionId">, r: MessageRecord, tool?: { name: string; arguments: string; isError: boolean }): Record<string, unknown> {
  return {
    entry_id: String(r.seq), session_id: ctx.sessionId, created_at: new Date(r.createdAt).toISOString(), entry_type: "message",
    // Sessions here are a line of messages: an entry's parent is the one stored before it.
    parent_id: r.seq > 1 ? String(r.seq - 1) : "", display: true, summary: "", model: "", provider: "",
    // As the original: user and assistant messages are model-facing entries, tool results are not.
    custom_type: "", model_facing: r.role === "user" || r.role === "assistant",
    token_estimate: tokenEstimate(r.text),
    tool_name: tool?.name ?? "", tool_args_json: tool?.arguments ?? "", tool_status: tool ? (tool.isError ? "error" : "success") : "",
    // No entry here is a branch point: sessions fork into new sessions.
    branch_from_entry_id: "", compaction_first_kept_entry_id: "", compaction_tokens_before: 0,
  };
}

/**
 * The original's `message_append` payload for a stored compaction summary: `entry_type`
 * "compaction", the text in `summary`, the first message it kept and the tokens before it.
 */
export function compactionEntry(ctx: Pick<RunContext, "sessionId">, r: MessageRecord, firstKept: number | undefined, tokensBefore: number): Record<string, unknown> {
  return {
    ...entryFields(ctx, r), kind: "summary", role: "", text: "", entry_type: "compaction", summary: r.text,
    model_facing: true, token_estimate: tokenEstimate(r.text), model: "", provider: "",
    compaction_first_kept_entry_id: firstKept === undefined ? "" : String(firstKept), compaction_tokens_before: tokensBefore,
  };
}
