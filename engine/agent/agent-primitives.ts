// The assistant's public primitives (what Lua's model/tools/session/agent groups call), built on
// the very functions the stock loop runs: requestTurn for a model request, runToolStep for a tool
// call, appendUser for a prompt. A stream or tool started while a run is active is cancelled by
// the run's interrupt too. Guards the live streams and tool runs by id and owner.
import type { ModelListEntry, ResolvedModel } from "../model/provider-registry.js";
import type { ModelToolSpec } from "../model/model-types.js";
import type { SessionInfo } from "../session/session-records.js";
import type { AgentHandle, AppendSpec, CompactOutcome, ModelRow, StreamEvents, StreamSpec, ToolCallSpec, ToolRunOutcome } from "./agent-handle.js";
import { appendUser, requestTurn } from "./agent-turn.js";
import type { ChatLoop } from "./chat-loop.js";
import { contextFull, tryCompact } from "./compact-context.js";
import { MANUAL_COMPACTION } from "./compaction-events.js";
import { overflowedWindow } from "./compaction.js";
import type { AssistantPayload, ToolResultPayload } from "./conversation.js";
import { announceSaved, entryFields, type RunContext } from "./run-context.js";
import { showSession } from "./session-view.js";
import { runToolStep } from "./tool-step.js";

/** How the primitives find models: the `/model` resolver and the catalog of `model list`. */
export type ModelSource = { resolve(spec: string): ResolvedModel; list(): ModelListEntry[] };

type Live = { owner: string; abort: AbortController };

/** Guards the streams and tool runs extensions started, by id. */
export class AgentPrimitives implements AgentHandle {
  private readonly live = new Map<number, Live>();
  private nextId = 1;
  private readonly resolved = new Map<string, ResolvedModel>();
  /** Transcript blocks recorded streams opened for tool calls, by call id (a recorded tools.run fills its block). */
  private readonly pendingBlocks = new Map<string, { block: string; sequence: number }>();

  constructor(private readonly loop: ChatLoop, private readonly models_: ModelSource) {}

  /** Starts a model request through the stock turn's path; `events.done` gets the outcome. */
  stream(spec: StreamSpec, events: StreamEvents, owner: string): number {
    const loop = this.loop;
    const model = this.modelFor(spec);
    const tools = this.toolsFor(spec.tools);
    const { id, ctx, end } = this.begin(owner, spec.record);
    const run = loop.activeRun;
    // Escape was pressed: a loop asking for another turn gets "aborted" at once, no request is made.
    if (run?.ctx.signal.aborted) {
      queueMicrotask(() => {
        end();
        events.done({ text: "", thinking: "", toolCalls: [], stopReason: "aborted" });
      });
      return id;
    }
    const turn = spec.record && run ? ++run.turns : 1;
    // A recorded turn of a run tells the run's listeners (`prompt --json`) as a stock turn does.
    if (spec.record && run) {
      loop.closeTurn(run);
      ctx.output({ type: "turn_start", turn });
    }
    void requestTurn({
      ctx, model, entries: spec.record ? loop.entries : [], tools, thinkingLevel: spec.thinking ?? loop.thinkingLevel,
      system: spec.system ?? loop.systemFor(), estimate: () => loop.contextUse().tokens,
      ...(spec.messages ? { messages: spec.messages } : {}), ...(spec.maxTokens !== undefined ? { maxTokens: spec.maxTokens } : {}),
    }, turn, {
      record: spec.record, streamId: id,
      ...(events.text ? { onText: events.text } : {}), ...(events.thinking ? { onThinking: events.thinking } : {}),
      ...(events.toolCall ? { onToolCall: events.toolCall } : {}),
    }).then((out) => {
      end();
      if (spec.record) {
        loop.afterTurn(out);
        // The turn ends after its tool calls: at the next recorded stream, or when the run ends.
        if (run) run.openTurn = { turn, stopReason: out.stopReason };
        (out.message.toolCalls ?? []).forEach((c, i) => this.pendingBlocks.set(c.id, { block: out.toolBlocks.get(c.id) ?? "", sequence: i + 1 }));
      }
      const m = out.message;
      events.done({
        text: m.text, thinking: m.thinking ?? "", toolCalls: m.toolCalls ?? [], stopReason: out.stopReason,
        ...(out.usage ? { usage: out.usage } : {}), ...(out.error ? { error: out.error } : {}),
        ...(out.status !== undefined ? { status: out.status } : {}), ...(out.code ? { code: out.code } : {}),
        ...(overflowedWindow(out) ? { overflow: true } : {}),
      });
    });
    return id;
  }

  /** Aborts a stream or tool run `owner` started; false when it is not running. */
  cancel(id: number, owner: string): boolean {
    const l = this.live.get(id);
    if (!l || l.owner !== owner) return false;
    l.abort.abort();
    return true;
  }

  /** Cancels everything `owner` started. */
  cancelOwner(owner: string): void {
    for (const l of this.live.values()) if (l.owner === owner) l.abort.abort();
  }

  /** Every configured model, the current one marked. */
  models(): ModelRow[] {
    const cur = this.loop.model;
    return this.models_.list().flatMap((e) => e.models.map((m) => ({
      provider: e.provider, model: m.id, label: `${e.provider}/${m.id}`, contextWindow: m.contextWindow,
      current: e.provider === cur.providerId && m.id === cur.model,
    })));
  }

  /** Runs one tool call through the loop's tool step (hooks, redaction, limits); `done` gets the result. */
  runTool(call: ToolCallSpec, done: (r: ToolRunOutcome) => void, owner: string): number {
    const { id, ctx, end } = this.begin(owner, call.record);
    const callId = call.callId ?? `lua_call_${id}`;
    const json = typeof call.args === "string" ? call.args : JSON.stringify(call.args);
    const pending = call.record ? this.pendingBlocks.get(callId) : undefined;
    this.pendingBlocks.delete(callId);
    void runToolStep(ctx, { id: callId, name: call.name, arguments: json }, pending?.block || undefined, {
      sequence: pending?.sequence ?? 1, show: call.record,
    }).then((r) => {
      end();
      if (call.record) {
        this.loop.entries.push({ message: { role: "tool", toolCallId: callId, toolName: call.name, content: r.content, isError: r.isError }, seq: r.seq });
      }
      done({ content: r.content, isError: r.isError, ...(r.details !== undefined ? { details: r.details } : {}) });
    });
    return id;
  }

  currentSession(): SessionInfo {
    return this.loop.store.get(this.loop.session.id) ?? this.loop.session;
  }

  messages() {
    return this.loop.store.loadMessages(this.loop.session.id);
  }

  /** Stores a message in the current session, adds it to the live context and shows it as the loop would. */
  append(m: AppendSpec): number {
    const loop = this.loop;
    const ctx = loop.runContext(loop.activeRun?.ctx.signal ?? new AbortController().signal);
    if (m.role === "user") return appendUser(ctx, loop.entries, m.content, m.steer === true);
    const sid = loop.session.id;
    const record = m.role === "assistant"
      ? loop.store.appendMessage(sid, { kind: "assistant", text: m.content, payload: m.toolCalls?.length ? ({ tool_calls: m.toolCalls } satisfies AssistantPayload) : undefined })
      : m.role === "tool"
        ? loop.store.appendMessage(sid, { kind: "tool_result", text: m.content, payload: { tool_call_id: m.toolCallId, name: m.name, is_error: m.isError } satisfies ToolResultPayload })
        : loop.store.appendMessage(sid, { kind: "system", text: m.content });
    announceSaved(ctx, record);
    if (m.role === "assistant") loop.entries.push({ message: { role: "assistant", text: m.content, ...(m.toolCalls?.length ? { toolCalls: m.toolCalls } : {}) }, seq: record.seq });
    if (m.role === "tool") loop.entries.push({ message: { role: "tool", toolCallId: m.toolCallId, toolName: m.name, content: m.content, isError: m.isError }, seq: record.seq });
    showSession(loop.writer, [record]);
    loop.rt.emit("message_append", { role: m.role, kind: record.kind, text: m.content, ...entryFields(ctx, record) });
    loop.pushStatus();
    return record.seq;
  }

  sessions(): SessionInfo[] {
    return this.loop.store.list({ cwd: this.loop.session.cwd });
  }

  /** Opens a new empty session (refused while a run is active). */
  newSession(name?: string): SessionInfo {
    this.idle("session.new");
    const loop = this.loop;
    const s = loop.store.create({ cwd: loop.session.cwd, provider: loop.model.providerId, model: loop.model.model, ...(name ? { name } : {}) });
    loop.openSession(s, false);
    return s;
  }

  /** Copies the current session through message `atSeq` (all when absent) into a new one and opens it. */
  forkSession(atSeq?: number): SessionInfo {
    this.idle("session.fork");
    const loop = this.loop;
    const child = loop.store.fork(loop.session.id, atSeq !== undefined ? { throughSeq: atSeq } : {});
    loop.openSession(child, true);
    return child;
  }

  /** Compacts through the stock loop's path (a failure is shown and comes back as `error`); `done` gets how it went. */
  compact(when: "now" | "full", done: (r: CompactOutcome) => void, owner: string): number {
    const loop = this.loop;
    const { id, ctx, end } = this.begin(owner, true);
    // "full" is the check before a request: the turn a recorded stream left open ends first, as the stock loop's does.
    if (when === "full" && loop.activeRun) loop.closeTurn(loop.activeRun);
    const why = when === "full" ? { reason: "pre_request", retry_intent: "none" } as const : MANUAL_COMPACTION;
    const work = when === "full" && !contextFull(loop) ? Promise.resolve({ replaced: 0 }) : tryCompact(loop, ctx.signal, why);
    void work.then((r) => {
      end();
      done({ ...r, tokens: loop.contextUse().tokens });
    });
    return id;
  }

  /** A prompt for the chat loop: it starts now when idle, else it is queued as a follow-up. */
  run(prompt: string): void {
    if (this.loop.working) this.loop.queueFollowUp(prompt);
    else this.loop.submit(prompt);
  }

  interrupt(): void {
    this.loop.interrupt();
  }

  busy(): boolean {
    return this.loop.working;
  }

  // After an interrupt nothing is handed out: what was typed runs as a follow-up, as in the stock loop.
  takeSteering(): string[] {
    if (this.loop.activeRun?.ctx.signal.aborted) return [];
    return this.loop.takeSteering();
  }

  private idle(fn: string): void {
    if (this.loop.working) throw new Error(`${fn}: expected an idle chat, got a running request (agent.interrupt() stops it)`);
  }

  // One id for a stream or tool run; its signal follows the active run's (escape stops it too).
  private begin(owner: string, record: boolean): { id: number; ctx: RunContext; end: () => void } {
    const id = this.nextId++;
    const abort = new AbortController();
    const runSignal = this.loop.activeRun?.ctx.signal;
    const onRunAbort = () => abort.abort();
    if (runSignal?.aborted) abort.abort();
    else runSignal?.addEventListener("abort", onRunAbort, { once: true });
    this.live.set(id, { owner, abort });
    const base = this.loop.runContext(abort.signal);
    const ctx: RunContext = record ? base : { ...base, output: () => {} };
    const end = () => {
      this.live.delete(id);
      runSignal?.removeEventListener("abort", onRunAbort);
    };
    return { id, ctx, end };
  }

  private modelFor(spec: StreamSpec): ResolvedModel {
    if (spec.provider === undefined && spec.model === undefined) return this.loop.model;
    const key = spec.provider !== undefined && spec.model !== undefined ? `${spec.provider}/${spec.model}` : (spec.provider ?? spec.model)!;
    let m = this.resolved.get(key);
    if (!m) {
      m = this.models_.resolve(key);
      this.resolved.set(key, m);
    }
    return m;
  }

  private toolsFor(tools: boolean | string[]): ModelToolSpec[] {
    const all = this.loop.toolSpecs();
    if (tools === true) return all;
    if (tools === false) return [];
    for (const name of tools) if (!all.some((t) => t.name === name)) throw new Error(`unknown tool ${JSON.stringify(name)} (known: ${all.map((t) => t.name).join(", ")})`);
    return all.filter((t) => tools.includes(t.name));
  }
}
