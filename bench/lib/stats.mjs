// Summaries of timing samples (ms) and the clock they are taken with.
import { performance } from "node:perf_hooks";

export const now = () => performance.now();

/** The q-quantile (0..1) of sorted numbers (nearest rank). */
function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** Median, p95, mean, min and max of samples, rounded to µs. */
export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x) => Math.round(x * 1000) / 1000;
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, median: r(quantile(s, 0.5)), p95: r(quantile(s, 0.95)), mean: r(mean), min: r(s[0] ?? NaN), max: r(s[s.length - 1] ?? NaN) };
}

/** Median of plain numbers (bytes). */
export function median(xs) {
  return quantile([...xs].sort((a, b) => a - b), 0.5);
}
