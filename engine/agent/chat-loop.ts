// The chat loop: a prompt becomes turns of model requests and tool calls until the model stops.
// It implements the stock chat's ChatController (submit, steer, follow-ups, interrupt), keeps the
// live context (a ContextMeter estimates its size), stores every message as it completes, and
// emits the lifecycle and UI events of docs/chat-loop.md. Guards: the running flag, the abort
// controller, the queues.
import type { ChatController } from "../chat/chat-controller.js";
import type { ModelToolSpec, ThinkingLevel } from "../model/model-types.js";
import type { ResolvedModel } from "../model/provider-registry.js";
import type { Runtime } from "../kernel/runtime.js";
import type { SessionInfo } from "../session/session-records.js";
import type { SessionStore } from "../session/session-store.js";
import type { AgentEvent, AgentListener, RunResult, RunStop } from "./agent-events.js";
import type { ChatLoopOptions, ContextUse } from "./chat-loop-options.js";
import { AUTO_COMPACT_AT, isContextOverflow, planCompaction, summarise } from "./compaction.js";
import { ContextMeter } from "./context-meter.js";
import { contextBreakdown, type ContextShare } from "./context-breakdown.js";
import { contextFromRecords, type ContextEntry } from "./conversation.js";
import { dispatchCommand } from "./command-dispatch.js";
import { exitNote } from "./exit-note.js";
import { parseCommandLine } from "../kernel/command-registry.js";
import { readString } from "./lifecycle-payloads.js";
import { preparePrompt } from "./prompt-events.js";
import { appendUser, runTurn } from "./agent-turn.js";
import { announceSaved, type RunContext } from "./run-context.js";
import { newestPageSize, SessionHistory, showNewest, type ShownHistory } from "./session-history.js";
import { parseShellEscape, runShellEscape, type ShellEscape } from "./shell-escape.js";
import { buildSystemPrompt, summarySection } from "./system-prompt.js";
import { ToolApproval } from "./tool-approval.js";
import { promptAttachments } from "./prompt-attachments.js";
import { TranscriptWriter } from "./transcript-writer.js";
import { customLoopOf, type CustomLoop } from "./agent-handle.js";
import { closeTurn, extensionTurns, type ActiveRun } from "./extension-turns.js";
import type { TurnOutcome } from "./model-turn.js";

export type { ChatLoopOptions, ContextUse } from "./chat-loop-options.js";
export type { ActiveRun } from "./extension-turns.js";

/** What the model is sent: the context entries and the summary before them. */
type LiveContext = { entries: ContextEntry[]; summary: string | undefined };

/** Guards one chat: its session, model, context entries, queues and the running request. */
export class ChatLoop implements ChatController {
  readonly rt: Runtime;
  readonly store: SessionStore;
  readonly writer: TranscriptWriter;
  session: SessionInfo;
  model: ResolvedModel;
  thinkingLevel: ThinkingLevel;
  private readonly opts: ChatLoopOptions;
  private readonly meter: ContextMeter;
  private readonly approval: ToolApproval | undefined;
  private readonly listeners: AgentListener[] = [];
  private readonly steering: string[] = [];
  private readonly followUps: string[] = [];
  private abort: AbortController | undefined;
  private running: Promise<RunResult> | undefined;
  /** The run in progress (its signal, system prompt, turn count, usage), if any. */
  activeRun: ActiveRun | undefined;
  private busy = false;
  /** Error lines shown so far (a command run by `run()` failed when this grew). */
  private failures = 0;
  /** USD the session's responses cost so far, at the prices known (undefined while none was priced). */
  cost: number | undefined;
  private context: LiveContext = { entries: [], summary: undefined };
  /** A resumed session whose context is not read yet (read when first needed, or a tick after start). */
  private contextOf: string | undefined;
  /** The resumed session's older pages, loaded into the transcript after the first frame. */
  private history: SessionHistory | undefined;

  constructor(opts: ChatLoopOptions) {
    this.opts = opts;
    this.rt = opts.runtime;
    this.store = opts.store;
    this.session = opts.session;
    this.model = opts.model;
    this.thinkingLevel = opts.thinkingLevel ?? "off";
    this.writer = new TranscriptWriter(this.rt, opts.defer);
    this.meter = new ContextMeter(() => buildSystemPrompt(this.promptOptions()), this.rt.tools);
    this.approval = opts.approval && opts.approval.tools.length > 0 ? new ToolApproval(opts.approval) : undefined;
  }

  /** Adds a listener for AgentEvents (the prompt command prints them). */
  onEvent(l: AgentListener): void {
    this.listeners.push(l);
  }

  /** True while a request runs (the spinner ticks and enter steers). */
  get working(): boolean {
    return this.busy;
  }

  /** The live context: the messages the model is sent (read from the store when first needed after a resume). */
  get entries(): ContextEntry[] {
    return this.readContext().entries;
  }

  set entries(entries: ContextEntry[]) {
    this.readContext().entries = entries;
  }

  /** The summary the context restarts from (after a compaction). */
  get summary(): string | undefined {
    return this.readContext().summary;
  }

  set summary(summary: string | undefined) {
    this.readContext().summary = summary;
  }

  /**
   * Announces the session (`session_start`, or `session_load` with its messages shown) and fills the
   * status. A resumed session shows its newest page now (or `shown`, put there before the first
   * frame); older pages and the model's context are read on later timer ticks.
   */
  start(resumed: boolean, shown?: ShownHistory): void {
    const s = this.session;
    const about = { session_id: s.id, name: s.name, cwd: s.cwd };
    this.history?.stop();
    this.history = undefined;
    if (resumed) {
      const page = shown?.sessionId === s.id ? shown : showNewest(this.rt, this.store, s.id, newestPageSize(this.rt.height));
      this.history = new SessionHistory(this.rt, this.store, page);
      this.contextOf = s.id;
      this.cost = this.store.costOf(s.id);
      const history = this.history;
      this.rt.scheduler.defer(0, () => {
        if (this.contextOf !== s.id) return;
        this.readContext();
        this.pushStatus();
        history.loadInBackground();
      }, "host");
      this.rt.emit("session_load", { ...about, messages: s.messageCount });
    } else this.rt.emit("session_start", { ...about, provider: this.model.providerId, model: this.model.model });
    this.emitOut({ type: "session", id: s.id, name: s.name, resumed, provider: this.model.providerId, model: this.model.model });
    this.pushStatus();
  }

  /** Enter while idle: a `/command` runs, anything else starts a run. */
  submit(text: string): void {
    if (isCommand(text) && this.runCommand(text) !== false) return;
    void this.startRun(text);
  }

  /** Enter while working: injected as a user message at the next turn boundary. */
  steer(text: string): void {
    if (!this.busy || isCommand(text)) return this.submit(text);
    if (parseShellEscape(text)) return this.queueFollowUp(text); // a shell command waits for the run
    this.steering.push(text);
    this.pushQueues();
  }

  /** alt+enter: runs after the current run (and earlier follow-ups) end. */
  queueFollowUp(text: string): void {
    if (!this.busy || isCommand(text)) return this.submit(text);
    this.followUps.push(text);
    this.pushQueues();
  }

  /** Takes back the newest queued follow-up. */
  dequeueFollowUp(): string | undefined {
    const text = this.followUps.pop();
    if (text !== undefined) this.pushQueues();
    return text;
  }

  /** The queued follow-ups, oldest first. */
  queued(): readonly string[] {
    return this.followUps;
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
    if (cmd === false) return this.startRun(text);
    await cmd;
    return { stopReason: this.failures > before ? "error" : "stop", text: "", turns: 0 };
  }

  /** Resolves when the current run and its follow-ups are done. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
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
    const plan = planCompaction(this.entries, this.model.contextWindow);
    if (!plan) return false;
    const hooks = { ctx: this.runContext(signal), estimatedTokens: this.contextUse().tokens };
    const summary = await summarise(this.model, this.summary, plan.replaced, signal, hooks);
    const record = this.store.appendSummary(this.session.id, summary, Math.max(0, ...plan.replaced.map((e) => e.seq)));
    announceSaved({ rt: this.rt, sessionId: this.session.id }, record);
    this.summary = summary;
    this.entries = plan.kept;
    this.meter.forget();
    this.writer.add("system", "system", `Compacted ${plan.replaced.length} earlier messages into a summary.`, { compaction: true });
    this.emitOut({ type: "compaction", replaced: plan.replaced.length, summary });
    this.pushStatus();
    return true;
  }

  /** Switches to another session (or a new one): the live context is rebuilt from the store. */
  openSession(session: SessionInfo, resumed: boolean): void {
    if (session.id !== this.session.id) this.store.removeIfEmpty(this.session.id);
    this.session = session;
    this.contextOf = undefined;
    this.context = { entries: [], summary: undefined };
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

  /** Emits `shutdown` and writes any streamed text still in memory. */
  shutdown(): void {
    this.interrupt();
    this.writer.flush();
    this.rt.emit("shutdown", { session_id: this.session.id });
  }

  /** Merges status metadata: provider, model, context use (once the context is read), cost, session, working. */
  pushStatus(extra: Record<string, unknown> = {}): void {
    const use = this.contextOf === undefined ? this.contextUse() : undefined;
    const patch: Record<string, unknown> = {
      provider: this.model.providerId, model: this.model.model, model_label: this.model.label,
      thinking_level: this.thinkingLevel, cwd: this.opts.cwd, session: this.session.name ?? this.session.id,
      session_id: this.session.id,
      ...(use ? { context_tokens: use.tokens, context_window: use.window, context_percent: use.percent } : {}),
      working: this.busy, steering: this.steering.length, follow_ups: this.followUps.length, cost_usd: this.cost, ...extra,
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

  private startRun(text: string): Promise<RunResult> {
    const prev = this.running ?? Promise.resolve(undefined);
    this.setBusy(true);
    const p = prev.then(() => this.runChain(text));
    this.running = p;
    void p.finally(() => {
      if (this.running === p) this.running = undefined;
    });
    return p;
  }

  // The prompt, then each follow-up queued while it ran.
  private async runChain(text: string): Promise<RunResult> {
    let result = await this.runOne(text).catch((e: unknown) => this.crashed(e));
    while (this.followUps.length > 0 && result.stopReason !== "aborted") {
      const next = this.followUps.shift()!;
      this.pushQueues();
      result = await this.runOne(next).catch((e: unknown) => this.crashed(e));
    }
    this.setBusy(false);
    return result;
  }

  private crashed(e: unknown): RunResult {
    const message = `chat loop: ${e instanceof Error ? e.message : String(e)}`;
    this.rt.reportError({ owner: "host", where: "chat loop", message });
    this.fail(message);
    return { stopReason: "error", text: "", error: message, turns: 0 };
  }

  private async runOne(input: string): Promise<RunResult> {
    const shell = parseShellEscape(input);
    if (shell) return this.runShell(shell);
    const rt = this.rt;
    const about = { sessionId: this.session.id, cwd: this.opts.cwd, name: this.session.name ?? "" };
    const prepared = preparePrompt(rt, input, buildSystemPrompt(this.promptOptions()), about);
    if (!prepared) {
      this.emitOut({ type: "done", stop_reason: "consumed", text: "" });
      return { stopReason: "consumed", text: "", turns: 0 };
    }
    const text = prepared.text;
    let system = prepared.system;
    this.meter.setSystemLength(system.length);
    const attached = await promptAttachments(text, this.opts.cwd, this.opts.takeAttachments?.() ?? [], { label: this.model.label, images: this.model.info.images });
    for (const e of attached.errors) this.fail(e);
    if (text.trim() === "" && attached.images.length === 0) {
      // A prompt of images alone, none of which could be attached: nothing is left to send.
      if (attached.errors.length === 0) this.fail("prompt: nothing to send (no text and no image attached)");
      this.emitOut({ type: "done", stop_reason: "error", text: "" });
      return { stopReason: "error", text: "", turns: 0 };
    }

    this.abort = new AbortController();
    const ctx = this.runContext(this.abort.signal);
    this.writer.clearBuffer("thinking");
    const userEntry = String(appendUser(ctx, this.entries, text, false, attached.images));
    rt.emit("prompt_user_entry", { text });
    const before: Record<string, unknown> = { text, system_prompt: system, provider: this.model.providerId, model: this.model.model };
    rt.emit("before_agent_start", before);
    system = readString(before, "system_prompt", system);
    if (this.session.provider !== this.model.providerId || this.session.model !== this.model.model) {
      this.store.setModel(this.session.id, this.model.providerId, this.model.model);
      this.session = { ...this.session, provider: this.model.providerId, model: this.model.model };
    }
    rt.emit("agent_start", { session_id: this.session.id, provider: this.model.providerId, model: this.model.model, text });
    // Once per prompt, as the original: the model requests inside are `model_request` events.
    const turnAbout = { session_id: this.session.id, cwd: this.opts.cwd, prompt: text, user_entry_id: userEntry, parent_entry_id: "" };
    rt.emit("turn_start", { ...turnAbout, turn: 1 });
    const run: ActiveRun = { ctx, prompt: text, system, turns: 0, usage: { input_tokens: 0, output_tokens: 0 }, assistantEntry: "", finalText: "" };
    this.activeRun = run;
    // An extension's loop (agent.set_loop) takes the turns over; the rest of a run stays the host's.
    const custom = customLoopOf(rt);
    let { stop, error } = custom ? await this.customTurns(custom, run) : await this.stockTurns(run);
    this.activeRun = undefined;
    if (ctx.signal.aborted && stop !== "error") stop = "aborted";
    // Steering that arrived too late for this run is not lost: it runs next, as a follow-up.
    this.followUps.unshift(...this.steering.splice(0));
    if (stop === "aborted") this.say("Interrupted.");
    this.abort = undefined;
    const use = this.contextUse();
    const finalText = run.finalText;
    const end = {
      stop_reason: stop, turns: run.turns, session_id: this.session.id, user_entry_id: userEntry, assistant_entry_id: run.assistantEntry,
      cached: false, error: error ?? "", usage: { ...run.usage, context_tokens: use.tokens, context_window: use.window },
    };
    rt.emit("turn_end", { ...end, turn: run.turns });
    rt.emit("agent_end", end);
    rt.emit("prompt_done", { text: finalText, stop_reason: stop });
    this.emitOut({ type: "done", stop_reason: stop, text: finalText, ...(error ? { error } : {}) });
    return { stopReason: stop, text: finalText, turns: run.turns, ...(error ? { error } : {}) };
  }

  // The stock turns: a request, its tool calls, again while the model calls tools or the user steers.
  private async stockTurns(run: ActiveRun): Promise<{ stop: RunStop; error?: string }> {
    const { ctx } = run;
    const maxTurns = this.opts.maxTurns ?? 50;
    let compactedForOverflow = false;
    while (true) {
      if (run.turns >= maxTurns) {
        const error = `chat loop: stopped after ${maxTurns} turns (assistant.max_turns)`;
        this.fail(error);
        return { stop: "max_turns", error };
      }
      const turn = ++run.turns;
      if (turn > 1 && this.steering.length > 0) {
        for (const s of this.takeSteering()) appendUser(ctx, this.entries, s, true);
      }
      await this.autoCompact(ctx.signal);
      this.emitOut({ type: "turn_start", turn });
      const out = await runTurn({
        ctx, model: this.model, entries: this.entries, thinkingLevel: this.thinkingLevel, tools: this.toolSpecs(),
        system: this.systemFor(run.system), estimate: () => this.contextUse().tokens,
      }, turn);
      this.afterTurn(out);
      // A window overflow the estimate missed: compact once and ask again instead of failing.
      let again = false;
      let error: string | undefined;
      if (out.stopReason === "error") {
        const failure = out.error ?? `${this.model.providerId}: request failed`;
        again = !compactedForOverflow && out.seq === 0 && isContextOverflow(failure) && (await this.tryCompact(ctx.signal));
        compactedForOverflow ||= again;
        if (!again) this.fail((error = failure));
      }
      this.emitOut({ type: "turn_end", turn, stop_reason: out.stopReason });
      if (again) continue;
      const stop: RunStop = ctx.signal.aborted ? "aborted" : out.stopReason;
      if (stop === "error" || stop === "aborted") return { stop, ...(error ? { error } : {}) };
      if (out.message.toolCalls?.length || this.steering.length > 0) continue;
      return { stop };
    }
  }

  // An extension's turns: its loop function runs them with the public primitives and calls back once.
  private async customTurns(custom: CustomLoop, run: ActiveRun): Promise<{ stop: RunStop; error?: string }> {
    const start = { prompt: run.prompt, system: run.system, sessionId: this.session.id, maxTurns: this.opts.maxTurns ?? 50 };
    const r = await extensionTurns(custom, run, start, (ev) => this.emitOut(ev));
    if (r.text !== undefined) run.finalText = r.text;
    if (r.error) this.fail(r.error);
    return { stop: r.stop, ...(r.error ? { error: r.error } : {}) };
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
    const taken = this.steering.splice(0);
    if (taken.length > 0) this.pushQueues();
    return taken;
  }

  /** The system prompt a request sends: the run's (or the stock one when idle) plus the session summary. */
  systemFor(system: string = this.activeRun?.system ?? buildSystemPrompt(this.promptOptions())): string {
    return [system, ...(this.summary ? [summarySection(this.summary)] : [])].join("\n\n");
  }

  // `!cmd` / `!!cmd`: a run with no model turn; steering typed meanwhile runs next, as a follow-up.
  // The user typed the command, so tools.approve does not ask about it.
  private async runShell(shell: ShellEscape): Promise<RunResult> {
    this.abort = new AbortController();
    const { approval: _typed, ...ctx } = this.runContext(this.abort.signal);
    await runShellEscape(ctx, this.entries, shell);
    const stop: RunStop = this.abort.signal.aborted ? "aborted" : "stop";
    this.abort = undefined;
    this.followUps.unshift(...this.steering.splice(0));
    this.pushStatus();
    this.emitOut({ type: "done", stop_reason: stop, text: "" });
    return { stopReason: stop, text: "", turns: 0 };
  }

  private async autoCompact(signal: AbortSignal): Promise<void> {
    if (this.opts.autoCompact === false) return;
    if (this.contextUse().tokens >= this.model.contextWindow * AUTO_COMPACT_AT) await this.tryCompact(signal);
  }

  // Compaction failing is reported, not fatal: the request may still fit.
  private async tryCompact(signal: AbortSignal): Promise<boolean> {
    try {
      return await this.compact(signal);
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
      return false;
    }
  }

  // The resumed session's context, read from the store the first time it is needed.
  private readContext(): LiveContext {
    const id = this.contextOf;
    if (id !== undefined) {
      this.contextOf = undefined;
      const { entries, summary } = contextFromRecords(this.store.loadContext(id));
      this.context = { entries, summary };
    }
    return this.context;
  }

  /** What one run's steps share, on `signal`. */
  runContext(signal: AbortSignal): RunContext {
    return {
      rt: this.rt, writer: this.writer, store: this.store, sessionId: this.session.id, signal, cwd: this.opts.cwd,
      secrets: this.opts.secrets ?? (() => []), output: (ev) => this.emitOut(ev), status: (patch) => this.pushStatus(patch),
      images: this.model.info.images, ...(this.approval ? { approval: this.approval } : {}),
    };
  }

  private promptOptions() {
    return { cwd: this.opts.cwd, home: this.opts.home, base: this.opts.systemPrompt, skills: this.opts.skills?.() ?? [] };
  }

  /** Every registered tool as the model sees it. */
  toolSpecs(): ModelToolSpec[] {
    return this.rt.tools.list().map((t) => ({ name: t.name, description: t.description, schema: t.schema }));
  }

  // Only the queue counts: steering and alt+enter happen while deltas stream, keep them cheap.
  private pushQueues(): void {
    this.writeStatus({ steering: this.steering.length, follow_ups: this.followUps.length });
  }

  private writeStatus(patch: Record<string, unknown>): void {
    if (this.opts.onStatus) return this.opts.onStatus(patch);
    this.rt.guard("host", "status", () => {
      for (const [k, v] of Object.entries(patch)) this.rt.buffers.setMetadata("status", k, v);
    });
  }

  private setBusy(v: boolean): void {
    if (this.busy === v) return;
    this.busy = v;
    this.pushStatus();
    this.opts.onWorkingChange?.(v);
  }

  private emitOut(ev: AgentEvent): void {
    for (const l of this.listeners) l(ev);
  }
}

/** True for `/name ...` (a slash command, run at once even while a request runs). */
function isCommand(text: string): boolean {
  return parseCommandLine(text) !== undefined;
}
