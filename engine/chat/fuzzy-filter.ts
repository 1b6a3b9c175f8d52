// Fuzzy matching for pickers and `@` file completion: fuzzysort (Sublime-style scoring: word
// starts and runs of letters rank first), over a label and an optional detail.
import { createRequire } from "node:module";
import type { Result, SnapshotKey, SnapshotKeys } from "fuzzysort";

// fuzzysort loads with the first picker or completion, not at start-up (~5 ms).
type Fuzzysort = typeof import("fuzzysort");
let loaded: Fuzzysort | undefined;
const fuzzysort = (): Fuzzysort => (loaded ??= createRequire(import.meta.url)("fuzzysort") as Fuzzysort);

/** One candidate: the label is what is matched and highlighted; the detail is matched too. */
export type FuzzyEntry = { readonly label: string; readonly detail?: string };
/** A match: the entry's index in the list and the matched positions in its label (UTF-16 offsets). */
export type FuzzyMatch = { index: number; positions: number[] };

type Row = { label: string; detail: string; index: number };
type Indexed = { rows: SnapshotKey<Row>; details: false } | { rows: SnapshotKeys<Row>; details: true };

// A list is indexed once as a fuzzysort snapshot, which prepares it in the background (4 ms slices
// on the event loop) and searches a query that extends the last one among the last one's matches
// only: typing into 20,000 paths costs what the remaining matches cost, not the whole list.
const indexed = new WeakMap<readonly FuzzyEntry[], Indexed>();

/** Starts indexing entries for fuzzyFilter now (the list is then ready by the first query). */
export function indexEntries(entries: readonly FuzzyEntry[]): void {
  if (indexed.has(entries)) return;
  const rows = entries.map((e, index) => ({ label: e.label, detail: e.detail ?? "", index }));
  indexed.set(entries, entries.some((e) => !!e.detail)
    ? { rows: fuzzysort().snapshot(rows, { keys: ["label", "detail"] }), details: true }
    : { rows: fuzzysort().snapshot(rows, { key: "label" }), details: false });
}

/** Entries matching query, best first (ties keep list order); an empty query keeps every entry in
 *  order. `limit` caps the result (0: all). The same `entries` array is indexed only once. */
export function fuzzyFilter(entries: readonly FuzzyEntry[], query: string, limit = 0): FuzzyMatch[] {
  const q = query.trim();
  if (q === "") {
    const n = limit > 0 ? Math.min(limit, entries.length) : entries.length;
    return Array.from({ length: n }, (_, index) => ({ index, positions: [] }));
  }
  indexEntries(entries);
  const ix = indexed.get(entries)!;
  const found: { index: number; label: Result | undefined; score: number }[] = ix.details
    ? [...fuzzysort().go(q, ix.rows, { limit, threshold: 0 })].map((r) => ({ index: r.obj.index, label: r[0], score: r.score }))
    : [...fuzzysort().go(q, ix.rows, { limit, threshold: 0 })].map((r) => ({ index: r.obj.index, label: r, score: r.score }));
  return found
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((m) => ({ index: m.index, positions: [...(m.label?.indexes ?? [])].sort((a, b) => a - b) }));
}
