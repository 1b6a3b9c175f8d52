// A chat's compaction: the oldest turns of the live context are summarised (engine/agent/
// compaction.ts says how) and replaced by the summary, which is stored and shown. /compact asks for
// it; the stock turns ask before each request once the context is nearly full, and once more when
// the provider says a request overflowed the window; Lua's session.compact asks the same way.
import { AUTO_COMPACT_AT, planCompaction, summarise } from "./compaction.js";
import { carriedState, compactionDetails, compactionState, stripState, withState } from "./compaction-details.js";
import { afterCompact, beforeCompact, MANUAL_COMPACTION, type CompactWhy } from "./compaction-events.js";
import type { LoopCore } from "./loop-core.js";
import { announceSaved, compactionEntry } from "./run-context.js";

/**
 * Summarises the oldest turns into a session summary, between `session_before_compact` (whose
 * handlers may cancel it, write the summary or keep fewer messages) and `session_compact`; how many
 * messages it replaced (0: nothing to replace, or a handler canceled it). The status says
 * `compacting` (event tables' `context.compacting`) from the summary request until the summary has
 * replaced them (or the request failed).
 */
export async function compactContext(loop: LoopCore, signal: AbortSignal, why: CompactWhy = MANUAL_COMPACTION): Promise<number> {
  const first = planCompaction(loop.entries, loop.model.contextWindow);
  if (!first) return 0;
  // What the previous compaction kept (its details) is carried into this one, as the original did.
  const previous = loop.store.loadContext(loop.session.id)[0];
  const carried = carriedState(previous?.kind === "summary" ? previous.payload : undefined);
  const about = { sessionId: loop.session.id, cwd: loop.opts.cwd, tokensBefore: loop.contextUse().tokens, why, carried };
  const decision = beforeCompact(loop.rt, about, first, loop.entries);
  if (decision.cancel) {
    loop.writer.add("system", "system", "Compaction canceled by an extension.", { compaction: true });
    return 0;
  }
  const plan = decision.plan;
  const hooks = { ctx: loop.runContext(signal), estimatedTokens: about.tokensBefore };
  loop.compactions++;
  loop.pushStatus();
  try {
    const state = compactionState(plan.replaced, carried);
    const prior = loop.summary === undefined ? undefined : stripState(loop.summary);
    const summary = withState(decision.summary ?? (await summarise(loop.model, prior, plan.replaced, signal, hooks)), state);
    const counts = { summarized: plan.replaced.length, kept: plan.kept.length, tokensBefore: about.tokensBefore };
    const details = compactionDetails(counts, decision.details, state);
    const record = loop.store.appendSummary(loop.session.id, summary, Math.max(0, ...plan.replaced.map((e) => e.seq)), { details });
    const saved = { rt: loop.rt, sessionId: loop.session.id };
    announceSaved(saved, record);
    loop.rt.emit("message_append", compactionEntry(saved, record, plan.kept[0]?.seq, about.tokensBefore));
    loop.summary = summary;
    loop.entries = plan.kept;
    loop.meter.forget();
    loop.writer.add("system", "system", `Compacted ${plan.replaced.length} earlier messages into a summary.`, { compaction: true });
    loop.emitOut({ type: "compaction", replaced: plan.replaced.length, summary });
    afterCompact(loop.rt, about, plan, String(record.seq), summary, decision.fromHook);
    return plan.replaced.length;
  } finally {
    loop.compactions--;
    loop.pushStatus();
  }
}

/** True when config session.auto_compact is on and the estimate passed AUTO_COMPACT_AT of the window. */
export function contextFull(loop: LoopCore): boolean {
  return loop.opts.autoCompact !== false && loop.contextUse().tokens >= loop.model.contextWindow * AUTO_COMPACT_AT;
}

/** How a compaction went: the messages it replaced (0: none), or why it failed. */
export type CompactResult = { replaced: number; error?: string };

/** Compacts; a failure is shown, not thrown (the request may still fit), and comes back as `error`. */
export async function tryCompact(loop: LoopCore, signal: AbortSignal, why: CompactWhy = MANUAL_COMPACTION): Promise<CompactResult> {
  try {
    return { replaced: await compactContext(loop, signal, why) };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    loop.fail(error);
    return { replaced: 0, error };
  }
}
