// The stock turns of one prompt's run: a request, its tool calls, again while the model calls
// tools or the user steers, up to assistant.max_turns. Before each request a nearly full context
// is compacted; a window overflow the estimate missed is compacted once and asked again.
import type { RunStop } from "./agent-events.js";
import { appendUser, runTurn } from "./agent-turn.js";
import type { LoopCore } from "./loop-core.js";
import { contextFull, tryCompact } from "./compact-context.js";
import { overflowedWindow } from "./compaction.js";
import type { ActiveRun } from "./extension-turns.js";

/** Runs `run`'s turns on `loop` until the model stops (or the run is aborted, fails or hits max_turns). */
export async function stockTurns(loop: LoopCore, run: ActiveRun): Promise<{ stop: RunStop; error?: string }> {
  const { ctx } = run;
  const maxTurns = loop.opts.maxTurns ?? 50;
  let compactedForOverflow = false;
  while (true) {
    if (run.turns >= maxTurns) {
      const error = `chat loop: stopped after ${maxTurns} turns (assistant.max_turns)`;
      loop.fail(error);
      return { stop: "max_turns", error };
    }
    const turn = ++run.turns;
    if (turn > 1 && loop.queue.steeringCount > 0) {
      for (const s of loop.takeSteering()) appendUser(ctx, loop.entries, s, true);
    }
    if (contextFull(loop)) await tryCompact(loop, ctx.signal, { reason: "pre_request", retry_intent: "none" });
    loop.emitOut({ type: "turn_start", turn });
    const out = await runTurn({
      ctx, model: loop.model, entries: loop.entries, thinkingLevel: loop.thinkingLevel, tools: loop.toolSpecs(),
      system: loop.systemFor(run.system), estimate: () => loop.contextUse().tokens,
    }, turn);
    loop.afterTurn(out);
    // A window overflow the estimate missed: compact once and ask again instead of failing.
    let again = false;
    let error: string | undefined;
    if (out.stopReason === "error") {
      const failure = out.error ?? `${loop.model.providerId}: request failed`;
      again = !compactedForOverflow && overflowedWindow(out) && (await tryCompact(loop, ctx.signal, { reason: "provider_overflow", retry_intent: "retry_after_compaction" })).replaced > 0;
      compactedForOverflow ||= again;
      if (!again) {
        loop.fail((error = failure));
        // Stored (not model-facing: a system message) so a resumed session shows why the prompt
        // has no answer, as the live chat did.
        loop.store.appendMessage(loop.session.id, { kind: "system", text: failure, payload: { error: true } });
      }
    }
    loop.emitOut({ type: "turn_end", turn, stop_reason: out.stopReason });
    if (again) continue;
    const stop: RunStop = ctx.signal.aborted ? "aborted" : out.stopReason;
    if (stop === "error" || stop === "aborted") return { stop, ...(error ? { error } : {}) };
    if (out.message.toolCalls?.length || loop.queue.steeringCount > 0) continue;
    return { stop };
  }
}
