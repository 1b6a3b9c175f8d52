// The original's compaction lifecycle: `session_before_compact` before the summary is written
// (handlers may cancel, supply the summary, or keep fewer messages) and `session_compact` once the
// summary is stored, both with the plan's entry ids, tokens and the file operations it covers.
import type { Runtime } from "../kernel/runtime.js";
import { isRecord } from "../kernel/is-record.js";
import type { CompactionPlan } from "./compaction.js";
import type { ContextEntry } from "./conversation.js";
import type { CarriedState } from "./compaction-details.js";
import { fileOperations } from "./compaction-file-operations.js";

/** Why a compaction runs and whether the request is sent again after it, in the original's words. */
export type CompactWhy = { reason: "manual" | "pre_request" | "provider_overflow"; retry_intent: "none" | "retry_after_compaction" };

/** A compaction asked for by a user (/compact, `session.compact()`). */
export const MANUAL_COMPACTION: CompactWhy = { reason: "manual", retry_intent: "none" };

/** What `session_before_compact` handlers decided: cancel, or the plan and summary to use. */
export type CompactDecision =
  | { cancel: true }
  | { cancel: false; plan: CompactionPlan; summary?: string; details: Record<string, unknown>; fromHook: boolean };
// fromHook: the summary is a handler's (the original's `source = "extension"`); details: the
// handlers' `compaction.details`, stored with the summary.

/** Where the payload's ids and session come from; `carried`: what the previous compaction kept. */
type About = { sessionId: string; cwd: string; tokensBefore: number; why: CompactWhy; carried: CarriedState };

const ids = (entries: ContextEntry[]) => entries.map((e) => String(e.seq));

/** The original's `CompactionPreparation` payload for `plan`. */
export function preparationPayload(about: About, plan: CompactionPlan): Record<string, unknown> {
  return {
    session_id: about.sessionId, cwd: about.cwd,
    first_kept_entry_id: plan.kept[0] ? String(plan.kept[0].seq) : "",
    tokens_before: about.tokensBefore,
    summary_message_count: plan.replaced.length,
    summarized_entry_ids: ids(plan.replaced),
    kept_entry_ids: ids(plan.kept),
    // Cuts fall only between turns here, so no turn is ever split.
    split_turn_summary: "",
    file_operations: fileOperations(plan.replaced, about.carried.files),
    reason: about.why.reason, retry_intent: about.why.retry_intent,
  };
}

/**
 * Fires `session_before_compact` and reads what its handlers asked (`compaction = {cancel,
 * summary, first_kept_entry_id, details}` returned or set on the payload; `stop` cancels too). Throws a
 * one-line error for an empty summary or a first kept entry the plan cannot keep.
 */
export function beforeCompact(rt: Runtime, about: About, plan: CompactionPlan, all: ContextEntry[]): CompactDecision {
  const data = preparationPayload(about, plan);
  const result = rt.emit("session_before_compact", data);
  const m = isRecord(data.compaction) ? data.compaction : {};
  if (result.stopped || m.cancel === true) return { cancel: true };
  let summary: string | undefined;
  if (typeof m.summary === "string") {
    summary = m.summary.trim();
    if (summary === "") throw new Error("session_before_compact: compaction.summary: expected a non-empty summary, got an empty one");
  }
  let next = plan;
  if (typeof m.first_kept_entry_id === "string") {
    const id = m.first_kept_entry_id.trim();
    const at = all.findIndex((e) => String(e.seq) === id);
    // The kept tail must start a turn (a user message), as every cut here does.
    if (at < plan.cut || all[at]!.message.role !== "user") {
      throw new Error(`session_before_compact: compaction.first_kept_entry_id: expected the id of a user message in kept_entry_ids, got ${JSON.stringify(id)}`);
    }
    next = { cut: at, replaced: all.slice(0, at), kept: all.slice(at) };
  }
  const details = isRecord(m.details) ? m.details : {};
  return { cancel: false, plan: next, ...(summary !== undefined ? { summary } : {}), details, fromHook: summary !== undefined };
}

/** Fires `session_compact` for the stored summary (`entry_id` its seq; `source` "extension" when a handler shaped it). */
export function afterCompact(rt: Runtime, about: About, plan: CompactionPlan, entryId: string, summary: string, fromHook: boolean): void {
  rt.emit("session_compact", { ...preparationPayload(about, plan), entry_id: entryId, summary, source: fromHook ? "extension" : "core" });
}
