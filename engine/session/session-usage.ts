// What a session's responses used and cost: the sum of the usage each assistant message stored
// (its `usage` and, when the price was known, `cost_usd`), for the status line and `session show`.
import type { MessageRecord } from "./session-records.js";

/** A session's token counts and cost, summed over its responses' stored usage. */
export type SessionUsage = {
  input: number;
  output: number;
  /** Responses that reported usage. */
  responses: number;
  /** Of those, the ones made at an unknown price (not counted in `cost`). */
  unpriced: number;
  /** USD, when at least one response's price was known. */
  cost?: number;
};

/** Sums the usage and cost stored with the assistant messages of `messages`. */
export function sessionUsage(messages: readonly MessageRecord[]): SessionUsage {
  const sum: SessionUsage = { input: 0, output: 0, responses: 0, unpriced: 0 };
  for (const m of messages) {
    if (m.kind !== "assistant" || typeof m.payload !== "object" || m.payload === null) continue;
    const p = m.payload as { usage?: { input?: unknown; output?: unknown }; cost_usd?: unknown };
    if (typeof p.usage !== "object" || p.usage === null) continue;
    sum.responses++;
    sum.input += typeof p.usage.input === "number" ? p.usage.input : 0;
    sum.output += typeof p.usage.output === "number" ? p.usage.output : 0;
    if (typeof p.cost_usd === "number") sum.cost = (sum.cost ?? 0) + p.cost_usd;
    else sum.unpriced++;
  }
  return sum;
}
