// One prompt's run, around its turns: the prompt's hooks (engine/agent/prompt-events.ts), its
// attachments, storing and showing it, `before_agent_start`, `agent_start` and `turn_start`; then
// the turns (the stock ones, or an extension's loop: agent.set_loop); then `turn_end`, `agent_end`,
// `prompt_done` and the "Interrupted." line. A `!cmd` shell escape is a run with no model turn.
import type { RunResult, RunStop } from "./agent-events.js";
import { customLoopOf, type CustomLoop } from "./agent-handle.js";
import { appendUser } from "./agent-turn.js";
import type { LoopCore } from "./loop-core.js";
import { estimateTokens } from "./conversation.js";
import { extensionTurns, type ActiveRun } from "./extension-turns.js";
import { readString } from "./lifecycle-payloads.js";
import { promptAttachments } from "./prompt-attachments.js";
import { preparePrompt } from "./prompt-events.js";
import { parseShellEscape, runShellEscape, type ShellEscape } from "./shell-escape.js";
import { stockTurns } from "./stock-turns.js";
import { buildSystemPrompt } from "./system-prompt.js";

/** Runs the prompt `input` on `loop` to its end (steering left over is queued as a follow-up).
 *  `submitted`: the composer's submit already ran prompt_submit for it. */
export async function runPrompt(loop: LoopCore, input: string, origin: { submitted?: boolean } = {}): Promise<RunResult> {
  const shell = parseShellEscape(input);
  if (shell) return runShell(loop, shell);
  const rt = loop.rt;
  const about = { sessionId: loop.session.id, cwd: loop.opts.cwd, name: loop.session.name ?? "" };
  const prepared = preparePrompt(rt, input, buildSystemPrompt(loop.promptOptions()), about, origin.submitted);
  if (!prepared) {
    loop.emitOut({ type: "done", stop_reason: "consumed", text: "" });
    return { stopReason: "consumed", text: "", turns: 0 };
  }
  const text = prepared.text;
  let system = prepared.system;
  loop.meter.setSystemLength(system.length);
  const attached = await promptAttachments(text, loop.opts.cwd, loop.opts.takeAttachments?.() ?? [], { label: loop.model.label, images: loop.model.info.images });
  for (const e of attached.errors) loop.fail(e);
  if (text.trim() === "" && attached.images.length === 0) {
    // A prompt of images alone, none of which could be attached: nothing is left to send.
    if (attached.errors.length === 0) loop.fail("prompt: nothing to send (no text and no image attached)");
    loop.emitOut({ type: "done", stop_reason: "error", text: "" });
    return { stopReason: "error", text: "", turns: 0 };
  }

  const abort = (loop.abort = new AbortController());
  const ctx = loop.runContext(abort.signal);
  loop.writer.clearBuffer("thinking");
  const userEntry = String(appendUser(ctx, loop.entries, text, false, attached.images));
  // The original's fields too; its prompt_id numbered prompts, the user entry's seq does here.
  ctx.promptId = Number(userEntry);
  rt.emit("prompt_user_entry", { text, session_id: loop.session.id, entry_id: userEntry, prompt_id: ctx.promptId });
  // The original's turn-start fields go with before_agent_start, agent_start and turn_start alike.
  const turnAbout = { session_id: loop.session.id, cwd: loop.opts.cwd, prompt: text, user_entry_id: userEntry, parent_entry_id: "" };
  const before: Record<string, unknown> = { ...turnAbout, text, system_prompt: system, provider: loop.model.providerId, model: loop.model.model };
  rt.emit("before_agent_start", before);
  system = readString(before, "system_prompt", system);
  if (loop.session.provider !== loop.model.providerId || loop.session.model !== loop.model.model) {
    loop.store.setModel(loop.session.id, loop.model.providerId, loop.model.model);
    loop.session = { ...loop.session, provider: loop.model.providerId, model: loop.model.model };
  }
  rt.emit("agent_start", { ...turnAbout, provider: loop.model.providerId, model: loop.model.model, text });
  // Once per prompt, as the original: the model requests inside are `model_request` events.
  rt.emit("turn_start", { ...turnAbout, turn: 1 });
  const run: ActiveRun = { ctx, prompt: text, system, turns: 0, usage: { input_tokens: 0, output_tokens: 0 }, assistantEntry: "", finalText: "" };
  loop.activeRun = run;
  // An extension's loop (agent.set_loop) takes the turns over; the rest of a run stays the host's.
  const custom = customLoopOf(rt);
  let { stop, error } = custom ? await customTurns(loop, custom, run) : await stockTurns(loop, run);
  loop.activeRun = undefined;
  if (ctx.signal.aborted && stop !== "error") stop = "aborted";
  loop.queue.steeringToFollowUps();
  if (stop === "aborted") loop.say("Interrupted.");
  loop.abort = undefined;
  const use = loop.contextUse();
  const finalText = run.finalText;
  const end = {
    stop_reason: stop, turns: run.turns, session_id: loop.session.id, user_entry_id: userEntry, assistant_entry_id: run.assistantEntry,
    cached: false, error: error ?? "",
    // The original's usage table: its breakdown splits the context estimate into system prompt and history.
    usage: { ...run.usage, context_tokens: use.tokens, context_window: use.window, breakdown: breakdownOf(run.system, use.tokens), topContributors: [] },
  };
  rt.emit("turn_end", { ...end, turn: run.turns });
  rt.emit("agent_end", end);
  rt.emit("prompt_done", { text: finalText, stop_reason: stop, session_id: end.session_id, user_entry_id: userEntry, assistant_entry_id: run.assistantEntry, cached: false });
  loop.emitOut({ type: "done", stop_reason: stop, text: finalText, ...(error ? { error } : {}) });
  return { stopReason: stop, text: finalText, turns: run.turns, ...(error ? { error } : {}) };
}

// An extension's turns: its loop function runs them with the public primitives and calls back once.
async function customTurns(loop: LoopCore, custom: CustomLoop, run: ActiveRun): Promise<{ stop: RunStop; error?: string }> {
  const start = { prompt: run.prompt, system: run.system, sessionId: loop.session.id, maxTurns: loop.opts.maxTurns ?? 50 };
  const r = await extensionTurns(custom, run, start, (ev) => loop.emitOut(ev));
  if (r.text !== undefined) run.finalText = r.text;
  if (r.error) loop.fail(r.error);
  return { stop: r.stop, ...(r.error ? { error: r.error } : {}) };
}

// `!cmd` / `!!cmd`: a run with no model turn; steering typed meanwhile runs next, as a follow-up.
// The user typed the command, so tools.approve does not ask about it.
async function runShell(loop: LoopCore, shell: ShellEscape): Promise<RunResult> {
  const abort = (loop.abort = new AbortController());
  const { approval: _typed, ...ctx } = loop.runContext(abort.signal);
  await runShellEscape(ctx, loop.entries, shell);
  const stop: RunStop = abort.signal.aborted ? "aborted" : "stop";
  loop.abort = undefined;
  loop.queue.steeringToFollowUps();
  loop.pushStatus();
  loop.emitOut({ type: "done", stop_reason: stop, text: "" });
  return { stopReason: stop, text: "", turns: 0 };
}

/** The context estimate split as the original's usage breakdown: the system prompt, and the rest as history. */
function breakdownOf(system: string, tokens: number): Record<string, number> {
  const sys = estimateTokens(system.length);
  return { system: sys, history: Math.max(0, tokens - sys) };
}
