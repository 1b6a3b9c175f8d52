// Responsive layouts (layout.md "Variants"): a layout table may carry `variants`, each a `when`
// (size bounds in cells) and a `layout`; at every size the first variant whose bounds hold is laid
// out instead of the base tree.
import { describeValue } from "./describe-value.js";
import { LayoutError, checkList, fail, isTable } from "./layout-values.js";

/** Size bounds in cells; a missing bound always holds. */
export type VariantWhen = { min_width?: number; max_width?: number; min_height?: number; max_height?: number };

/** One variant as parsed: `T` is the layout tree type (layout-table.ts's LayoutNode). */
export type LayoutVariant<T> = { when: VariantWhen; layout: T };

const WHEN_KEYS = ["min_width", "max_width", "min_height", "max_height"] as const;

/** Moves a layout error of a variant's own table under `variants[i].layout`. */
function under(prefix: string, e: unknown): never {
  if (!(e instanceof LayoutError)) throw e;
  const rest = e.path === "" || e.path === "root" ? "" : e.path.startsWith("root.") ? e.path.slice(4) : `.${e.path}`;
  throw new LayoutError(`${prefix}${rest}`, e.reason);
}

function parseWhen(path: string, raw: unknown): VariantWhen {
  if (!isTable(raw)) return fail(path, "a table of size bounds {min_width, max_width, min_height, max_height}", raw);
  const out: VariantWhen = {};
  for (const [key, v] of Object.entries(raw)) {
    if (!(WHEN_KEYS as readonly string[]).includes(key)) {
      throw new LayoutError(`${path}.${key}`, "unknown key (expected min_width, max_width, min_height or max_height)");
    }
    if (v === undefined || v === null) continue;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) fail(`${path}.${key}`, "a non-negative integer (cells)", v);
    out[key as keyof VariantWhen] = v;
  }
  return out;
}

/**
 * Validates `variants` (a list of `{when, layout}`); `parse` checks each layout as a layout table
 * (without variants of its own). Errors read `layout: variants[2].layout.children[1].width: ...`.
 */
export function parseVariants<T>(raw: unknown, parse: (t: unknown) => T): LayoutVariant<T>[] {
  const list = checkList("variants", raw, "a list of {when, layout} tables");
  return list.map((v, i) => {
    const path = `variants[${i + 1}]`;
    if (!isTable(v)) return fail(path, "a variant {when = {...}, layout = {...}}", v);
    for (const key of Object.keys(v)) {
      if (key !== "when" && key !== "layout") throw new LayoutError(`${path}.${key}`, "unknown key (expected when or layout)");
    }
    const when = parseWhen(`${path}.when`, v.when ?? {});
    if (v.layout === undefined || v.layout === null) return fail(`${path}.layout`, "a layout table", v.layout);
    if (isTable(v.layout) && (v.layout.variants !== undefined || (isTable(v.layout.root) && v.layout.root.variants !== undefined))) {
      throw new LayoutError(`${path}.layout.variants`, `expected no variants inside a variant, got ${describeValue(v.layout.variants ?? "a table")}`);
    }
    try {
      return { when, layout: parse(v.layout) };
    } catch (e) {
      return under(`${path}.layout`, e);
    }
  });
}

/** True when a width x height screen is within the bounds. */
export function variantHolds(when: VariantWhen, width: number, height: number): boolean {
  return (when.min_width === undefined || width >= when.min_width) && (when.max_width === undefined || width <= when.max_width) &&
    (when.min_height === undefined || height >= when.min_height) && (when.max_height === undefined || height <= when.max_height);
}

/** The index of the first variant that holds at this size, or -1 for the base tree. */
export function activeVariant<T>(variants: readonly LayoutVariant<T>[] | undefined, width: number, height: number): number {
  if (!variants) return -1;
  return variants.findIndex((v) => variantHolds(v.when, width, height));
}

/** Variants as plain tables for layout.get() (`plain` converts each layout). */
export function variantsToPlain<T>(variants: readonly LayoutVariant<T>[], plain: (t: T) => Record<string, unknown>): Record<string, unknown>[] {
  return variants.map((v) => ({ when: { ...v.when }, layout: plain(v.layout) }));
}
