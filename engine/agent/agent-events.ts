// What the chat loop reports to its listeners (the `prompt` command prints these; `--json` prints
// one per line). Extension-visible lifecycle events are emitted on the Runtime, see docs/chat-loop.md.
import type { StopReason } from "../model/model-types.js";

/** Why a run ended: a provider stop reason, or `consumed` when an `input`/`prompt_submit` handler took the prompt. */
export type RunStop = StopReason | "consumed" | "max_turns";

export type AgentEvent =
  | { type: "session"; id: string; name: string | null; resumed: boolean; provider: string; model: string }
  | { type: "user"; text: string; steer?: boolean }
  | { type: "turn_start"; turn: number }
  | { type: "text_delta"; text: string }
  | { type: "thinking_delta"; text: string }
  | { type: "tool_start"; tool_call_id: string; name: string; arguments: Record<string, unknown> }
  | { type: "tool_end"; tool_call_id: string; name: string; content: string; is_error: boolean }
  /** A `!cmd` (kept: the model sees it next turn) or `!!cmd` shell escape ran; `output` is what the bash tool returned. */
  | { type: "shell"; command: string; output: string; is_error: boolean; kept: boolean }
  | { type: "retry"; attempt: number; delay_ms: number; reason: string }
  | { type: "usage"; input: number; output: number }
  | { type: "turn_end"; turn: number; stop_reason: StopReason }
  | { type: "compaction"; replaced: number; summary: string }
  | { type: "system"; text: string }
  | { type: "error"; message: string }
  | { type: "done"; stop_reason: RunStop; text: string; error?: string };

/** The outcome of one prompt (and the turns it took). */
export type RunResult = { stopReason: RunStop; text: string; error?: string; turns: number };

export type AgentListener = (ev: AgentEvent) => void;
