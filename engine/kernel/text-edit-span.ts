// The smallest edit that turns one text into another (common prefix and suffix kept), in code
// points: how marks move when a caller replaces a whole text (set_text, set_lines).
import { cpLength } from "./code-points.js";

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** [at, removed, added]: prev's code points [at, at + removed) became `added` code points of next. */
export function textEdit(prev: string, next: string): [number, number, number] {
  const n = Math.min(prev.length, next.length);
  let p = 0;
  while (p < n && prev.charCodeAt(p) === next.charCodeAt(p)) p++;
  // Never split a surrogate pair: a shared high half belongs with its (different) low half.
  if (p > 0 && isHigh(prev.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < n - p && prev.charCodeAt(prev.length - 1 - s) === next.charCodeAt(next.length - 1 - s)) s++;
  if (s > 0 && isLow(prev.charCodeAt(prev.length - s))) s--;
  const at = cpLength(prev.slice(0, p));
  return [at, cpLength(prev.slice(p, prev.length - s)), cpLength(next.slice(p, next.length - s))];
}
