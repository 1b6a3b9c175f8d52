// Compaction: when the context nears the model's window (or on /compact), the oldest turns are
// summarised by the model itself and replaced by that summary; recent turns stay verbatim. The
// offline script provider gets a deterministic summary instead (no scripted turn is used up). The
// summary request passes `model_request` and `before_provider_request` like a turn's (purpose
// "compaction"), so extensions that audit or edit requests see this one too.
import type { ModelRequest, Provider } from "../model/model-types.js";
import type { ResolvedModel } from "../model/provider-registry.js";
import { compactionCut, renderForSummary, type ContextEntry } from "./conversation.js";
import { providerHook } from "./model-turn.js";
import type { RunContext } from "./run-context.js";

/** Where the summary request is announced: the kernel and keys of the run, and the context estimate. */
export type SummaryHooks = { ctx: Pick<RunContext, "rt" | "secrets">; estimatedTokens: number };

/** Auto-compaction starts when the estimate passes this share of the context window. */
export const AUTO_COMPACT_AT = 0.85;
/** Share of the window the verbatim tail may keep after compaction. */
export const KEEP_SHARE = 0.3;

const SUMMARY_SYSTEM = [
  "You summarise a coding conversation so it can continue without the original messages.",
  "Keep: the user's goals and constraints, decisions made, files and functions touched, commands run",
  "and their outcomes, open problems and next steps. Be concise; use short bullet points.",
].join("\n");

export type CompactionPlan = { cut: number; replaced: ContextEntry[]; kept: ContextEntry[] };

/** Which entries to summarise so the kept tail fits `KEEP_SHARE` of the window; undefined when nothing can go. */
export function planCompaction(entries: ContextEntry[], contextWindow: number): CompactionPlan | undefined {
  const cut = compactionCut(entries, Math.floor(contextWindow * KEEP_SHARE * 4));
  if (cut <= 0) return undefined;
  return { cut, replaced: entries.slice(0, cut), kept: entries.slice(cut) };
}

/**
 * The offline summary (deterministic, for the script provider): one bullet per replaced message,
 * its first line cut to 160 characters, after the previous summary's bullets. No header: the
 * transcript's "Summary of earlier messages:" is the only one.
 */
export function offlineSummary(previous: string | undefined, replaced: ContextEntry[]): string {
  const bullets = replaced.map((e) => renderForSummary([e], 160).split("\n")[0]!).filter((l) => l !== "").map((l) => `- ${l}`);
  return [...(previous ? previous.split("\n") : []), ...bullets].join("\n");
}

/** Asks the model for a summary of `replaced` (and the previous summary); throws a one-line error on failure. */
export async function modelSummary(provider: Provider, model: string, previous: string | undefined,
  replaced: ContextEntry[], signal: AbortSignal, hooks: SummaryHooks): Promise<string> {
  const prior = previous ? `Summary of what came before:\n${previous}\n\n` : "";
  const text = `${prior}Conversation to summarise:\n${renderForSummary(replaced)}\n\nWrite the summary now.`;
  let out = "";
  let error: string | undefined;
  const req: ModelRequest = { model, system: SUMMARY_SYSTEM, messages: [{ role: "user", text }], tools: [], thinkingLevel: "off" };
  const { ctx } = hooks;
  ctx.rt.emit("model_request", { turn: 0, purpose: "compaction", provider: provider.id, model, messages: 1, tools: 0, estimated_tokens: hooks.estimatedTokens });
  for await (const ev of provider.stream(req, { signal, onPayload: (p) => providerHook(ctx, p, "compaction") })) {
    if (ev.type === "text_delta") out += ev.text;
    if (ev.type === "done" && (ev.stopReason === "error" || ev.stopReason === "aborted")) error = ev.error ?? ev.stopReason;
  }
  if (error !== undefined) throw new Error(`compaction: summary request failed: ${error}`);
  if (out.trim() === "") throw new Error("compaction: summary request: expected a summary, got an empty reply");
  return out.trim();
}

/** The summary of `replaced`: offline for the script provider, else written by the model. */
export async function summarise(m: ResolvedModel, previous: string | undefined, replaced: ContextEntry[], signal: AbortSignal, hooks: SummaryHooks): Promise<string> {
  if (m.provider.api === "script") return offlineSummary(previous, replaced);
  return modelSummary(m.provider, m.model, previous, replaced, signal, hooks);
}

/** A request that failed for being larger than the model's window before any of its reply was stored (compact and ask again). */
export function overflowedWindow(out: { stopReason: string; seq: number; error?: string }): boolean {
  return out.stopReason === "error" && out.seq === 0 && isContextOverflow(out.error ?? "");
}

/** Provider errors that mean "the request is larger than the model's window". */
export function isContextOverflow(error: string): boolean {
  return /context[ _-]?(length|window)|maximum context|prompt is too long|too many tokens|exceeds? the (context|maximum)/i.test(error);
}
