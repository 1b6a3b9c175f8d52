// A chat's compaction: the oldest turns of the live context are summarised (engine/agent/
// compaction.ts says how) and replaced by the summary, which is stored and shown. /compact asks for
// it; the stock turns ask before each request once the context is nearly full, and once more when
// the provider says a request overflowed the window; Lua's session.compact asks the same way.
import { AUTO_COMPACT_AT, planCompaction, summarise } from "./compaction.js";
import type { LoopCore } from "./loop-core.js";
import { announceSaved } from "./run-context.js";

/**
 * Summarises the oldest turns into a session summary; how many messages it replaced (0: nothing to
 * replace). The status says `compacting` (event tables' `context.compacting`) from the summary
 * request until the summary has replaced them (or the request failed).
 */
export async function compactContext(loop: LoopCore, signal: AbortSignal): Promise<number> {
  const plan = planCompaction(loop.entries, loop.model.contextWindow);
  if (!plan) return 0;
  const hooks = { ctx: loop.runContext(signal), estimatedTokens: loop.contextUse().tokens };
  loop.compactions++;
  loop.pushStatus();
  try {
    const summary = await summarise(loop.model, loop.summary, plan.replaced, signal, hooks);
    const record = loop.store.appendSummary(loop.session.id, summary, Math.max(0, ...plan.replaced.map((e) => e.seq)));
    announceSaved({ rt: loop.rt, sessionId: loop.session.id }, record);
    loop.summary = summary;
    loop.entries = plan.kept;
    loop.meter.forget();
    loop.writer.add("system", "system", `Compacted ${plan.replaced.length} earlier messages into a summary.`, { compaction: true });
    loop.emitOut({ type: "compaction", replaced: plan.replaced.length, summary });
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
export async function tryCompact(loop: LoopCore, signal: AbortSignal): Promise<CompactResult> {
  try {
    return { replaced: await compactContext(loop, signal) };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    loop.fail(error);
    return { replaced: 0, error };
  }
}
