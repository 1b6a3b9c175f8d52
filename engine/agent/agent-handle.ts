// The seam between Lua and the assistant: what the `model`, `tools`, `session` and `agent` Lua
// groups call (AgentHandle, attached by the chat loop once a session is open, or opened on first
// use where no chat opens one: bare mode), and the extension loop that replaces the stock turns
// (set at load time, before any session exists). Only types and WeakMaps live here, so the Lua
// module imports it without pulling in SQLite or the SDKs.
import type { Runtime } from "../kernel/runtime.js";
import type { ModelMessage, ModelToolCall, StopReason, ThinkingLevel } from "../model/model-types.js";
import type { MessageRecord, SessionInfo } from "../session/session-records.js";
import type { RunStop } from "./agent-events.js";

/** A `model.stream` request; absent fields take the chat's current model, system prompt and context. */
export type StreamSpec = {
  provider?: string;
  model?: string;
  system?: string;
  /** Absent: the live context of the current session. */
  messages?: ModelMessage[];
  /** true: every registered tool; false: none; a list: those tools. */
  tools: boolean | string[];
  maxTokens?: number;
  thinking?: ThinkingLevel;
  /** Shown in the transcript and stored in the session, as the stock loop's turns are. */
  record: boolean;
};

/** How a stream ended (`error` with its message, HTTP status and provider code when known). */
export type StreamOutcome = {
  text: string;
  thinking: string;
  toolCalls: ModelToolCall[];
  usage?: { input: number; output: number };
  stopReason: StopReason;
  error?: string;
  status?: number;
  code?: string;
  /** The request was larger than the model's window and nothing of it was stored: compact and ask again. */
  overflow?: boolean;
};

/** How a `session.compact` went: the messages replaced by the summary (0: none), the estimate after, or why it failed. */
export type CompactOutcome = { replaced: number; tokens: number; error?: string };

/** What a stream tells its caller as it goes; `done` is called exactly once. */
export type StreamEvents = {
  text?(delta: string): void;
  thinking?(delta: string): void;
  toolCall?(call: ModelToolCall): void;
  done(outcome: StreamOutcome): void;
};

/** A `tools.run` call: `args` as a table, or the model's JSON text as it came. */
export type ToolCallSpec = { name: string; args: Record<string, unknown> | string; callId?: string; record: boolean };
export type ToolRunOutcome = { content: string; isError: boolean; details?: unknown };

/** A message given to `session.append`. */
export type AppendSpec =
  | { role: "user"; content: string; steer?: boolean }
  | { role: "assistant"; content: string; toolCalls?: ModelToolCall[] }
  | { role: "tool"; content: string; toolCallId: string; name: string; isError: boolean }
  | { role: "system"; content: string };

/** One model of `model.list()`. */
export type ModelRow = { provider: string; model: string; label: string; contextWindow: number; current: boolean };

/** The primitives a Lua extension drives the assistant with (engine/agent/agent-primitives.ts). */
export interface AgentHandle {
  stream(spec: StreamSpec, events: StreamEvents, owner: string): number;
  cancel(id: number, owner: string): boolean;
  models(): ModelRow[];
  runTool(call: ToolCallSpec, done: (r: ToolRunOutcome) => void, owner: string): number;
  /** Cancels every stream and tool run `owner` started (its extension stopped). */
  cancelOwner(owner: string): void;
  currentSession(): SessionInfo;
  messages(): MessageRecord[];
  append(m: AppendSpec): number;
  sessions(): SessionInfo[];
  newSession(name?: string): SessionInfo;
  forkSession(atSeq?: number): SessionInfo;
  /** Compacts the live context as the stock loop does: "now", or "full" only when it is nearly full. */
  compact(when: "now" | "full", done: (r: CompactOutcome) => void, owner: string): number;
  run(prompt: string): void;
  interrupt(): void;
  busy(): boolean;
  takeSteering(): string[];
}

/** What an extension loop is given for one prompt (after the host stored it and ran its hooks). */
export type LoopStart = { prompt: string; system: string; sessionId: string; maxTurns: number };
/** How an extension loop's run ended. */
export type LoopFinish = { stop: RunStop; text?: string; error?: string };
/** An extension's replacement for the stock turns; it calls `finish` once per run. */
export type CustomLoop = { owner: string; run(start: LoopStart, finish: (f: LoopFinish) => void): void };

const handles = new WeakMap<Runtime, AgentHandle>();
const openers = new WeakMap<Runtime, () => void>();
const loops = new WeakMap<Runtime, CustomLoop>();

/** Makes `handle` the assistant Lua reaches on `rt` (the chat loop does this when it opens). */
export function attachAgent(rt: Runtime, handle: AgentHandle): void {
  handles.set(rt, handle);
}

/** The assistant on `rt`, or undefined before a chat session is open (an offered one is not opened). */
export function agentOf(rt: Runtime): AgentHandle | undefined {
  return handles.get(rt);
}

/** Lets the first call that needs the assistant on `rt` open it: `open` attaches it (bare mode). */
export function offerAgent(rt: Runtime, open: () => void): void {
  openers.set(rt, open);
}

/** True while an offered assistant on `rt` waits to be opened. */
export function agentOffered(rt: Runtime): boolean {
  return openers.has(rt);
}

/** The assistant on `rt`, opening an offered one now (its error is thrown, and the next call tries again); undefined when there is none. */
export function openAgent(rt: Runtime): AgentHandle | undefined {
  const open = openers.get(rt);
  if (!handles.has(rt) && open) {
    open();
    openers.delete(rt);
  }
  return handles.get(rt);
}

/** Sets (or, with undefined, removes) the loop that runs each prompt's turns on `rt`. */
export function setCustomLoop(rt: Runtime, loop: CustomLoop | undefined): void {
  if (loop) loops.set(rt, loop);
  else loops.delete(rt);
}

/** The extension loop on `rt`, if one replaced the stock turns. */
export function customLoopOf(rt: Runtime): CustomLoop | undefined {
  return loops.get(rt);
}
