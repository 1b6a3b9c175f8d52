// The chat loop: a prompt becomes a run of model requests and tool calls until the model stops.
// It implements the stock chat's ChatController (submit, steer, follow-ups, interrupt) and holds
// one chat's state: the session, the model, the live context and its estimate, the queues, the
// running request. The parts, a file each: session-announcer.ts (announcing a session),
// live-context.ts, prompt-queue.ts, run-chain.ts (a prompt and its follow-ups), run-prompt.ts (one
// prompt's run), stock-turns.ts, compact-context.ts. Guards: the abort controller, the failure count.
import { redactSecrets } from "../auth/redact-secrets.js";
import type { ChatController, PromptOrigin } from "../chat/chat-controller.js";
import type { ModelToolSpec, ThinkingLevel } from "../model/model-types.js";
import type { ResolvedModel } from "../model/provider-registry.js";
import type { Runtime } from "../kernel/runtime.js";
import type { SessionInfo } from "../session/session-records.js";
import type { SessionStore } from "../session/session-store.js";
import type { AgentEvent, AgentListener, RunResult } from "./agent-events.js";
import type { ChatLoopOptions, ContextUse } from "./chat-loop-options.js";
import { compactContext } from "./compact-context.js";
import { ContextMeter } from "./context-meter.js";
import { contextBreakdown, type ContextShare } from "./context-breakdown.js";
import type { ContextEntry } from "./conversation.js";
import { dispatchCommand } from "./command-dispatch.js";
import { exitNote } from "./exit-note.js";
import { parseCommandLine } from "../kernel/command-registry.js";
import { LiveContext } from "./live-context.js";
import type { LoopCore } from "./loop-core.js";
import { PromptQueue } from "./prompt-queue.js";
import { RunChain } from "./run-chain.js";
import { runPrompt } from "./run-prompt.js";
import type { RunContext } from "./run-context.js";
import { SessionAnnouncer } from "./session-announcer.js";
import type { ShownHistory } from "./session-history.js";
import { parseShellEscape } from "./shell-escape.js";
import { buildSystemPrompt, summarySection } from "./system-prompt.js";
import { ToolApproval } from "./tool-approval.js";
import { TranscriptWriter } from "./transcript-writer.js";
import { closeTurn, type ActiveRun } from "./extension-turns.js";
import type { TurnOutcome } from "./model-turn.js";

export type { ChatLoopOptions, ContextUse } from "./chat-loop-options.js";
export type { ActiveRun } from "./extension-turns.js";

/** Guards one chat: its session, model, context entries, queues and the running request. */
export class ChatLoop implements ChatController, LoopCore {
  readonly rt: Runtime;
  readonly store: SessionStore;
  readonly writer: TranscriptWriter;
  readonly opts: ChatLoopOptions;
  /** The estimate of the live context's size (the provider's last count plus what was added). */
  readonly meter: ContextMeter;
  /** Steering and follow-ups typed while a run runs. */
  readonly queue: PromptQueue;
  session: SessionInfo;
  model: ResolvedModel;
  thinkingLevel: ThinkingLevel;
  /** Stops the running prompt (set while one runs). */
  abort: AbortController | undefined;
  /** The run in progress (its signal, system prompt, turn count, usage), if any. */
  activeRun: ActiveRun | undefined;
  /** USD the session's responses cost so far, at the prices known (undefined while none was priced). */
  cost: number | undefined;
  private readonly approval: ToolApproval | undefined;
  private readonly listeners: AgentListener[] = [];
  private readonly live: LiveContext;
  private readonly chain: RunChain;
  /** Error lines shown so far (a command run by `run()` failed when this grew). */
  private failures = 0;
  compactions = 0;
  private readonly announcer: SessionAnnouncer;

  constructor(opts: ChatLoopOptions) {
    this.opts = opts;
    this.rt = opts.runtime;
    this.store = opts.store;
    this.session = opts.session;
    this.model = opts.model;
    this.thinkingLevel = opts.thinkingLevel ?? "off";
    this.writer = new TranscriptWriter(this.rt, opts.defer);
    this.meter = new ContextMeter(() => buildSystemPrompt(this.promptOptions()), this.rt.tools);
    this.queue = new PromptQueue(() => this.pushQueues());
    this.live = new LiveContext(this.store);
    this.announcer = new SessionAnnouncer(this, this.live);
    this.chain = new RunChain({
      run: (p) => runPrompt(this, p.text, { submitted: p.submitted }).catch((e: unknown) => this.crashed(e)),
      nextFollowUp: () => this.queue.nextFollowUp(),
      workingChanged: (v) => {
        this.pushStatus();
        this.opts.onWorkingChange?.(v);
      },
    });
    this.approval = opts.approval && opts.approval.tools.length > 0 ? new ToolApproval(opts.approval) : undefined;
  }

  /** Adds a listener for AgentEvents (the prompt command prints them). */
  onEvent(l: AgentListener): void {
    this.listeners.push(l);
  }

  /** True while a request runs (the spinner ticks and enter steers). */
  get working(): boolean {
    return this.chain.working;
  }

  /** The live context: the messages the model is sent (read from the store when first needed after a resume). */
  get entries(): ContextEntry[] {
    return this.live.entries;
  }

  set entries(entries: ContextEntry[]) {
    this.live.entries = entries;
  }

  /** The summary the context restarts from (after a compaction). */
  get summary(): string | undefined {
    return this.live.summary;
  }

  set summary(summary: string | undefined) {
    this.live.summary = summary;
  }

  /**
   * Announces the session (`session_start`, or `session_load` with its messages shown) and fills the
   * status. A resumed session shows its newest page now (or `shown`, put there before the first
   * frame); older pages and the model's context are read on later timer ticks.
   */
  start(resumed: boolean, shown?: ShownHistory): void {
    this.announcer.announce(resumed, shown);
  }

  /** Enter while idle: a `/command` runs, anything else starts a run. */
  submit(text: string, origin: PromptOrigin = {}): void {
    if (isCommand(text) && this.runCommand(text) !== false) return;
    void this.chain.start(text, origin.submitted);
  }

  /** Enter while working: injected as a user message at the next turn boundary. */
  steer(text: string, origin: PromptOrigin = {}): void {
    if (!this.working || isCommand(text)) return this.submit(text, origin);
    if (parseShellEscape(text)) return this.queueFollowUp(text, origin); // a shell command waits for the run
    this.queue.steer(text, origin.submitted);
  }

  /** alt+enter: runs after the current run (and earlier follow-ups) end. */
  queueFollowUp(text: string, origin: PromptOrigin = {}): void {
    if (!this.working || isCommand(text)) return this.submit(text, origin);
    this.queue.followUp(text, origin.submitted);
  }

  /** Takes back the newest queued follow-up. */
  dequeueFollowUp(): string | undefined {
    return this.queue.dequeue();
  }

  /** The queued follow-ups, oldest first. */
  queued(): readonly string[] {
    return this.queue.queued();
  }

  /** Escape: aborts the request and any running tool at once; what streamed is kept as interrupted.
   *  A second escape ends an extension loop's run that did not finish after the first. */
  interrupt(): void {
    if (this.abort?.signal.aborted) this.activeRun?.finish?.({ stop: "aborted" });
    this.abort?.abort();
  }

  /** Runs one prompt (and any follow-ups queued meanwhile) to the end; for scripts and tests. */
  async run(text: string): Promise<RunResult> {
    const before = this.failures;
    const cmd = isCommand(text) ? this.runCommand(text) : false;
    if (cmd === false) return this.chain.start(text);
    await cmd;
    return { stopReason: this.failures > before ? "error" : "stop", text: "", turns: 0 };
  }

  /** Resolves when the current run and its follow-ups are done. */
  idle(): Promise<void> {
    return this.chain.idle();
  }

  /** The estimate: the provider's last count plus ~chars/4 of what was added since. */
  contextUse(): ContextUse {
    return this.meter.use(this.entries, this.summary, this.model.contextWindow);
  }

  /** The context's estimated tokens by contributor (system prompt, AGENTS.md, skills, tools, messages...). */
  contextShares(): ContextShare[] {
    return contextBreakdown({ ...this.promptOptions(), tools: this.rt.tools, entries: this.entries, summary: this.summary });
  }

  /** Summarises the oldest turns into a session summary; false when there was nothing to replace. */
  async compact(signal: AbortSignal = new AbortController().signal): Promise<boolean> {
    return (await compactContext(this, signal)) > 0;
  }

  /** Switches to another session (or a new one): the live context is rebuilt from the store. */
  openSession(session: SessionInfo, resumed: boolean): void {
    if (session.id !== this.session.id) this.store.removeIfEmpty(this.session.id);
    this.session = session;
    this.live.clear();
    this.cost = undefined;
    this.approval?.reset();
    this.meter.forget();
    this.rt.guard("host", "session", () => this.rt.buffers.deleteBlocks("transcript", 0, -1));
    this.start(resumed);
  }

  /** Switches the model for the next requests. */
  setModel(model: ResolvedModel): void {
    this.model = model;
    this.meter.forget();
    this.store.setModel(this.session.id, model.providerId, model.model);
    this.pushStatus();
  }

  /** The line for the shell after the chat ends (session id, how to resume); none for an empty session. */
  exitNote(): string | undefined {
    return exitNote(this.store.get(this.session.id));
  }

  /** The id of the session the chat ends in, when it is kept (not empty). */
  keptSession(): string | undefined {
    const s = this.store.get(this.session.id);
    return s && s.messageCount > 0 ? s.id : undefined;
  }

  /** Text with every known key redacted, as the session store writes it. */
  redact(text: string): string {
    return redactSecrets(text, this.opts.secrets?.() ?? []);
  }

  /** Emits `shutdown` and writes any streamed text still in memory. */
  shutdown(): void {
    this.interrupt();
    this.writer.flush();
    this.rt.emit("shutdown", { session_id: this.session.id });
  }

  /** Merges status metadata: provider, model, context use (once the context is read), cost, session, working, compacting. */
  pushStatus(extra: Record<string, unknown> = {}): void {
    const use = this.live.unread ? undefined : this.contextUse();
    const patch: Record<string, unknown> = {
      provider: this.model.providerId, model: this.model.model, model_label: this.model.label,
      thinking_level: this.thinkingLevel, cwd: this.opts.cwd, session: this.session.name ?? this.session.id,
      session_id: this.session.id,
      ...(use ? { context_tokens: use.tokens, context_window: use.window, context_percent: use.percent } : {}),
      working: this.working, compacting: this.compactions > 0, steering: this.queue.steeringCount, follow_ups: this.queue.followUpCount, cost_usd: this.cost, ...extra,
    };
    this.writeStatus(patch);
  }

  /** Appends a system line to the transcript (command output) and tells the listeners. */
  say(text: string): void {
    this.writer.add("system", "system", text);
    this.emitOut({ type: "system", text });
  }

  /** Shows an error in the transcript and tells the listeners. */
  fail(message: string): void {
    this.failures++;
    this.writer.add("error", "system", message);
    this.emitOut({ type: "error", message });
  }

  /** Runs `/name args` (see dispatchCommand): false when text names no command. */
  runCommand(text: string): boolean | Promise<void> {
    return dispatchCommand(this, text);
  }

  private crashed(e: unknown): RunResult {
    const message = `chat loop: ${e instanceof Error ? e.message : String(e)}`;
    this.rt.reportError({ owner: "host", where: "chat loop", message });
    this.fail(message);
    return { stopReason: "error", text: "", error: message, turns: 0 };
  }

  /** A recorded request ended (a stock turn or a Lua `model.stream` with `record`): usage counted, status refreshed. */
  afterTurn(out: TurnOutcome): void {
    const run = this.activeRun;
    if (out.usage) {
      this.meter.report(out.usage.input + out.usage.output, this.entries.length);
      if (run) {
        run.usage.input_tokens += out.usage.input;
        run.usage.output_tokens += out.usage.output;
      }
    }
    if (out.cost !== undefined) this.cost = (this.cost ?? 0) + out.cost;
    if (run) {
      if (out.seq > 0) run.assistantEntry = String(out.seq);
      run.finalText = out.message.text;
    }
    this.pushStatus();
  }

  /** Tells the listeners that an extension loop's open turn ended (as the stock loop does after its tools). */
  closeTurn(run: ActiveRun): void {
    closeTurn(run, (ev) => this.emitOut(ev));
  }

  /** The steering messages typed while the run ran, taken off the queue (the caller sends them). */
  takeSteering(): string[] {
    return this.queue.takeSteering();
  }

  /** The system prompt a request sends: the run's (or the stock one when idle) plus the session summary. */
  systemFor(system: string = this.activeRun?.system ?? buildSystemPrompt(this.promptOptions())): string {
    return [system, ...(this.summary ? [summarySection(this.summary)] : [])].join("\n\n");
  }

  /** What one run's steps share, on `signal`. */
  runContext(signal: AbortSignal): RunContext {
    return {
      rt: this.rt, writer: this.writer, store: this.store, sessionId: this.session.id, signal, cwd: this.opts.cwd,
      secrets: this.opts.secrets ?? (() => []), output: (ev) => this.emitOut(ev), status: (patch) => this.pushStatus(patch),
      images: this.model.info.images, ...(this.approval ? { approval: this.approval } : {}),
    };
  }

  /** What the stock system prompt is built from (working directory, home, base prompt, skills). */
  promptOptions(): ReturnType<LoopCore["promptOptions"]> {
    return { cwd: this.opts.cwd, home: this.opts.home, base: this.opts.systemPrompt, skills: this.opts.skills?.() ?? [] };
  }

  /** Every registered tool as the model sees it. */
  toolSpecs(): ModelToolSpec[] {
    return this.rt.tools.list().map((t) => ({ name: t.name, description: t.description, schema: t.schema }));
  }

  /** Tells the listeners (`prompt --json`, tests) what the loop did. */
  emitOut(ev: AgentEvent): void {
    for (const l of this.listeners) l(ev);
  }

  // Only the queue counts: steering and alt+enter happen while deltas stream, keep them cheap.
  private pushQueues(): void {
    this.writeStatus({ steering: this.queue.steeringCount, follow_ups: this.queue.followUpCount });
  }

  private writeStatus(patch: Record<string, unknown>): void {
    if (this.opts.onStatus) return this.opts.onStatus(patch);
    this.rt.guard("host", "status", () => {
      for (const [k, v] of Object.entries(patch)) this.rt.buffers.setMetadata("status", k, v);
    });
  }
}

/** True for `/name ...` (a slash command, run at once even while a request runs). */
function isCommand(text: string): boolean {
  return parseCommandLine(text) !== undefined;
}
