// What a run's parts see of the chat loop (engine/agent/chat-loop.ts implements it): the files that
// run a prompt, its stock turns and compaction import this type, not the loop, so no import
// circles back.
import type { Runtime } from "../kernel/runtime.js";
import type { ModelToolSpec, ThinkingLevel } from "../model/model-types.js";
import type { ResolvedModel } from "../model/provider-registry.js";
import type { SessionInfo } from "../session/session-records.js";
import type { SessionStore } from "../session/session-store.js";
import type { Skill } from "../skills/skill-file.js";
import type { AgentEvent } from "./agent-events.js";
import type { ChatLoopOptions, ContextUse } from "./chat-loop-options.js";
import type { ContextMeter } from "./context-meter.js";
import type { ContextEntry } from "./conversation.js";
import type { ActiveRun } from "./extension-turns.js";
import type { TurnOutcome } from "./model-turn.js";
import type { PromptQueue } from "./prompt-queue.js";
import type { RunContext } from "./run-context.js";
import type { TranscriptWriter } from "./transcript-writer.js";

/** One chat's state and the loop's helpers, as a prompt's run uses them. */
export interface LoopCore {
  readonly rt: Runtime;
  readonly store: SessionStore;
  readonly writer: TranscriptWriter;
  readonly opts: ChatLoopOptions;
  readonly meter: ContextMeter;
  readonly queue: PromptQueue;
  session: SessionInfo;
  model: ResolvedModel;
  thinkingLevel: ThinkingLevel;
  abort: AbortController | undefined;
  activeRun: ActiveRun | undefined;
  cost: number | undefined;
  entries: ContextEntry[];
  summary: string | undefined;
  /** Compactions running now (the status says `compacting` while there is one). */
  compactions: number;
  contextUse(): ContextUse;
  runContext(signal: AbortSignal): RunContext;
  promptOptions(): { cwd: string; home: string | undefined; base: string | undefined; skills: readonly Skill[] };
  toolSpecs(): ModelToolSpec[];
  systemFor(system?: string): string;
  afterTurn(out: TurnOutcome): void;
  takeSteering(): string[];
  say(text: string): void;
  fail(message: string): void;
  pushStatus(extra?: Record<string, unknown>): void;
  emitOut(ev: AgentEvent): void;
}
