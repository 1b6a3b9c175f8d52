// Value checkers for layout table keys. Each returns the normalized value or throws a LayoutError
// naming the path of the bad value (layout.md: "what: where: expected X, got Y").
import { describeValue } from "./describe-value.js";
import type { BorderKind } from "./rect.js";

/** A size: cells, a percent string of the parent's content box, "auto", or "content". */
export type Size = number | `${number}%` | "auto" | "content";
/** An offset for top/left/right/bottom: cells or a percent string. */
export type Offset = number | `${number}%`;
/** Padding or margin as set: one number, per-edge keys, or x/y (missing keys are 0). */
export type Spacing =
  | number
  | { top?: number; right?: number; bottom?: number; left?: number; x?: number; y?: number };
/** Four resolved edges in cells. */
export type Edges = { top: number; right: number; bottom: number; left: number };

/** A layout table error: `layout: <path>: <reason>`; `path` and `reason` allow re-prefixing. */
export class LayoutError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path === "" ? `layout: ${reason}` : `layout: ${path}: ${reason}`);
    this.name = "LayoutError";
  }
}


/** Throws the layout error for `path`: expected `what`, got the value. */
export function fail(path: string, what: string, got: unknown): never {
  throw new LayoutError(path, `expected ${what}, got ${describeValue(got)}`);
}

/** True for a table with string keys. An empty array counts: Lua's `{}` may arrive as `[]`. */
export function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && (!Array.isArray(v) || v.length === 0);
}

const PERCENT = /^(\d+(\.\d+)?|\.\d+)%$/;

/**
 * The largest cell count a size, offset, spacing or gap may have, and the largest percent. No
 * terminal is near this; a layout asking for 100,000,000 rows would make anything that trusts
 * window sizes allocate for them.
 */
export const MAX_CELLS = 10_000;
export const MAX_PERCENT = 1_000;

/** Refuses a well-typed value past the bounds: cells beyond ±MAX_CELLS, a percent past MAX_PERCENT. */
function checkRange<T>(path: string, v: T): T {
  if (typeof v === "number" && Math.abs(v) > MAX_CELLS) {
    throw new LayoutError(path, `expected at most ${MAX_CELLS} cells, got ${describeValue(v)}`);
  }
  if (typeof v === "string" && v.endsWith("%") && Math.abs(Number.parseFloat(v)) > MAX_PERCENT) {
    throw new LayoutError(path, `expected at most ${MAX_PERCENT}%, got ${describeValue(v)}`);
  }
  return v;
}
const SIZE_WORDS = `a size (cells, "N%", "auto" or "content")`;

/** A size: non-negative cells, "N%", "auto" or "content". */
export function checkSize(path: string, v: unknown): Size {
  if (typeof v === "number" && Number.isFinite(v) && v >= 0) return checkRange(path, v);
  if (v === "auto" || v === "content") return v;
  if (typeof v === "string" && PERCENT.test(v)) return checkRange(path, v as `${number}%`);
  return fail(path, SIZE_WORDS, v);
}

/** A min/max bound: like a size but "auto" and "content" mean nothing there. */
export function checkBound(path: string, v: unknown): number | `${number}%` {
  if (typeof v === "number" && Number.isFinite(v) && v >= 0) return checkRange(path, v);
  if (typeof v === "string" && PERCENT.test(v)) return checkRange(path, v as `${number}%`);
  return fail(path, `a size (cells or "N%")`, v);
}

/** An offset (top/left/right/bottom): cells (may be negative) or "N%". */
export function checkOffset(path: string, v: unknown): Offset {
  if (typeof v === "number" && Number.isFinite(v)) return checkRange(path, v);
  if (typeof v === "string" && /^-?(\d+(\.\d+)?|\.\d+)%$/.test(v)) return checkRange(path, v as `${number}%`);
  return fail(path, `an offset (cells or "N%")`, v);
}

/** Cells for gaps: a number from 0 to MAX_CELLS. */
export function checkGap(path: string, v: unknown): number {
  return checkRange(path, checkNumber(path, v, true));
}

/** A finite number, optionally >= 0. */
export function checkNumber(path: string, v: unknown, nonNegative: boolean): number {
  if (typeof v === "number" && Number.isFinite(v) && (!nonNegative || v >= 0)) return v;
  return fail(path, nonNegative ? "a number >= 0" : "a number", v);
}

/** An integer (z). */
export function checkInteger(path: string, v: unknown): number {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  return fail(path, "an integer", v);
}

/** A non-empty string (window names, ids). */
export function checkName(path: string, v: unknown, what: string): string {
  if (typeof v === "string" && v !== "") return v;
  return fail(path, what, v);
}

/** Lists the allowed words as "a, b or c". */
function orList(words: readonly string[]): string {
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

/** One of a fixed set of words. */
export function checkEnum<T extends string>(path: string, v: unknown, allowed: readonly T[]): T {
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  return fail(path, orList(allowed), v);
}

const BORDERS: readonly BorderKind[] = ["none", "single", "rounded", "double", "heavy"];

/** A border kind; true means rounded and false none. */
export function checkBorder(path: string, v: unknown): BorderKind {
  if (v === true) return "rounded";
  if (v === false) return "none";
  if (typeof v === "string" && (BORDERS as readonly string[]).includes(v)) return v as BorderKind;
  return fail(path, `${BORDERS.join(", ")}, true or false`, v);
}

const SPACING_KEYS = ["top", "right", "bottom", "left", "x", "y"] as const;

/** Padding (non-negative) or margin (any sign): a number or a table of edges / x,y. */
export function checkSpacing(path: string, v: unknown, nonNegative: boolean): Spacing {
  const cells = nonNegative ? "a number >= 0" : "a number";
  if (typeof v === "number") return checkRange(path, checkNumber(path, v, nonNegative));
  if (!isTable(v)) return fail(path, `${cells} or a table {top=,right=,bottom=,left=} or {x=,y=}`, v);
  const out: Exclude<Spacing, number> = {};
  for (const key of Object.keys(v)) {
    if (!(SPACING_KEYS as readonly string[]).includes(key)) {
      throw new LayoutError(`${path}.${key}`, `unknown key (expected ${orList(SPACING_KEYS)})`);
    }
    const k = key as (typeof SPACING_KEYS)[number];
    if (v[k] !== undefined) out[k] = checkRange(`${path}.${k}`, checkNumber(`${path}.${k}`, v[k], nonNegative));
  }
  return out;
}

/** Resolves a spacing to four edges: x/y first, explicit edges override, missing keys 0. */
export function spacingEdges(s: Spacing | undefined): Edges {
  if (s === undefined) return { top: 0, right: 0, bottom: 0, left: 0 };
  if (typeof s === "number") return { top: s, right: s, bottom: s, left: s };
  return {
    top: s.top ?? s.y ?? 0,
    right: s.right ?? s.x ?? 0,
    bottom: s.bottom ?? s.y ?? 0,
    left: s.left ?? s.x ?? 0,
  };
}

/** Reads a Lua-style list: a JS array, or a table with keys "1".."n" (an empty table is empty). */
export function checkList(path: string, v: unknown, what: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (!isTable(v)) return fail(path, what, v);
  const keys = Object.keys(v);
  const out: unknown[] = [];
  for (let i = 1; i <= keys.length; i++) {
    if (!Object.prototype.hasOwnProperty.call(v, String(i))) {
      const bad = keys.find((k) => !/^[1-9]\d*$/.test(k) || Number(k) > keys.length) ?? String(i);
      throw new LayoutError(path, `expected ${what}, got a table with key ${JSON.stringify(bad)}`);
    }
    out.push(v[String(i)]);
  }
  return out;
}
