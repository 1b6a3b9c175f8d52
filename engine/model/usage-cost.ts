// The dollar cost of one response: its token usage times the catalog's prices.
import type { ModelPrice } from "./model-catalog-data.js";

/** Token counts of one response; `input` counts every prompt token, cached ones included. */
export type TokenUsage = { input: number; output: number; cacheRead?: number; cacheWrite?: number };

/** USD for `usage` at `price`; undefined when the price (or the price of a kind of token used) is unknown. */
export function usageCost(price: ModelPrice | undefined, usage: TokenUsage): number | undefined {
  if (!price) return undefined;
  const cacheRead = usage.cacheRead ?? 0;
  const cacheWrite = usage.cacheWrite ?? 0;
  if ((cacheRead > 0 && price.cacheRead === undefined) || (cacheWrite > 0 && price.cacheWrite === undefined)) return undefined;
  const fresh = Math.max(0, usage.input - cacheRead - cacheWrite);
  const micro = fresh * price.input + cacheRead * (price.cacheRead ?? 0) + cacheWrite * (price.cacheWrite ?? 0) + usage.output * price.output;
  return micro / 1_000_000;
}

/** "$0.042": three decimals, four below a tenth of a cent, so a cheap session is not "$0.000". */
export function formatCost(usd: number): string {
  if (usd > 0 && usd < 0.0001) return "<$0.0001";
  if (usd > 0 && usd < 0.001) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(3)}`;
}
