// The original's compaction lifecycle: `session_before_compact` before the summary is written
// (handlers may cancel, supply the summary, or keep fewer messages) and `session_compact` once the
// summary is stored, both with the plan's entry ids, tokens and the file operations it covers.
import type { Runtime } from "../kernel/runtime.js";
import { isRecord } from "../kernel/is-record.js";
import type { CompactionPlan } from "./compaction.js";
import { parseArguments } from "./lifecycle-payloads.js";
import type { ContextEntry } from "./conversation.js";

/** Why a compaction runs and whether the request is sent again after it, in the original's words. */
export type CompactWhy = { reason: "manual" | "pre_request" | "provider_overflow"; retry_intent: "none" | "retry_after_compaction" };

/** A compaction asked for by a user (/compact, `session.compact()`). */
export const MANUAL_COMPACTION: CompactWhy = { reason: "manual", retry_intent: "none" };

/** What `session_before_compact` handlers decided: cancel, or the plan and summary to use. */
export type CompactDecision =
  | { cancel: true }
  | { cancel: false; plan: CompactionPlan; summary?: string; fromHook: boolean };
// fromHook: the summary is a handler's (the original's `source = "extension"`).

/** Where the payload's ids and session come from. */
type About = { sessionId: string; cwd: string; tokensBefore: number; why: CompactWhy };

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
    file_operations: fileOperations(plan.replaced),
    reason: about.why.reason, retry_intent: about.why.retry_intent,
  };
}

const READS = new Set(["read", "find", "grep", "ls"]);
const WRITES = new Set(["edit", "write"]);
/** Most file operations a payload lists, as the original. */
const MAX_FILE_OPERATIONS = 64;

/**
 * The files the summarised tool calls read or modified, as the original collected them: one
 * `{entry_id, action, path, tool, command}` per distinct operation, `entry_id` the tool result's.
 */
export function fileOperations(entries: ContextEntry[]): Record<string, unknown>[] {
  const calls = new Map<string, { name: string; arguments: string }>();
  const out: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    const m = e.message;
    if (m.role === "assistant") for (const c of m.toolCalls ?? []) calls.set(c.id, c);
    if (m.role !== "tool") continue;
    const call = calls.get(m.toolCallId);
    if (!call) continue;
    const parsed = parseArguments(call.arguments);
    const args = "args" in parsed ? parsed.args : {};
    const str = (k: string) => (typeof args[k] === "string" ? (args[k] as string).trim() : "");
    let op: [string, string] | undefined;
    if (READS.has(call.name)) op = ["read", str("path") || str("pattern")];
    else if (WRITES.has(call.name)) op = ["modified", str("path")];
    else if (call.name === "fetch") op = ["read", str("url")];
    if (!op || op[1] === "") continue;
    const key = `${op[0]}\0${op[1]}\0${call.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ entry_id: String(e.seq), action: op[0], path: op[1], tool: call.name, command: "" });
    if (out.length >= MAX_FILE_OPERATIONS) break;
  }
  return out;
}

/**
 * Fires `session_before_compact` and reads what its handlers asked (`compaction = {cancel,
 * summary, first_kept_entry_id}` returned or set on the payload; `stop` cancels too). Throws a
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
  return { cancel: false, plan: next, ...(summary !== undefined ? { summary } : {}), fromHook: summary !== undefined };
}

/** Fires `session_compact` for the stored summary (`entry_id` its seq; `source` "extension" when a handler shaped it). */
export function afterCompact(rt: Runtime, about: About, plan: CompactionPlan, entryId: string, summary: string, fromHook: boolean): void {
  rt.emit("session_compact", { ...preparationPayload(about, plan), entry_id: entryId, summary, source: fromHook ? "extension" : "core" });
}
