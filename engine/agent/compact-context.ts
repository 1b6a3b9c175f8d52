// A chat's compaction: the oldest turns of the live context are summarised (engine/agent/
// compaction.ts says how) and replaced by the summary, which is stored and shown. /compact asks for
// it; the stock turns ask before each request once the context is nearly full, and once more when
// the provider says a request overflowed the window.
import { AUTO_COMPACT_AT, planCompaction, summarise } from "./compaction.js";
import type { LoopCore } from "./loop-core.js";
import { announceSaved } from "./run-context.js";

/** Summarises the oldest turns into a session summary; false when there was nothing to replace. */
export async function compactContext(loop: LoopCore, signal: AbortSignal): Promise<boolean> {
  const plan = planCompaction(loop.entries, loop.model.contextWindow);
  if (!plan) return false;
  const hooks = { ctx: loop.runContext(signal), estimatedTokens: loop.contextUse().tokens };
  const summary = await summarise(loop.model, loop.summary, plan.replaced, signal, hooks);
  const record = loop.store.appendSummary(loop.session.id, summary, Math.max(0, ...plan.replaced.map((e) => e.seq)));
  announceSaved({ rt: loop.rt, sessionId: loop.session.id }, record);
  loop.summary = summary;
  loop.entries = plan.kept;
  loop.meter.forget();
  loop.writer.add("system", "system", `Compacted ${plan.replaced.length} earlier messages into a summary.`, { compaction: true });
  loop.emitOut({ type: "compaction", replaced: plan.replaced.length, summary });
  loop.pushStatus();
  return true;
}

/** Compacts when config session.auto_compact is on and the estimate passed AUTO_COMPACT_AT of the window. */
export async function autoCompact(loop: LoopCore, signal: AbortSignal): Promise<void> {
  if (loop.opts.autoCompact === false) return;
  if (loop.contextUse().tokens >= loop.model.contextWindow * AUTO_COMPACT_AT) await tryCompact(loop, signal);
}

/** Compacts; a failure is shown, not thrown (the request may still fit). */
export async function tryCompact(loop: LoopCore, signal: AbortSignal): Promise<boolean> {
  try {
    return await loop.compact(signal);
  } catch (e) {
    loop.fail(e instanceof Error ? e.message : String(e));
    return false;
  }
}
