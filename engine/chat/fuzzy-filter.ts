// Fuzzy matching for pickers and `@` file completion: fuzzysort (Sublime-style scoring: word
// starts and runs of letters rank first), over a label and an optional detail.
import fuzzysort, { type Prepared as FuzzyTarget } from "fuzzysort";

/** One candidate: the label is what is matched and highlighted; the detail is matched too. */
export type FuzzyEntry = { readonly label: string; readonly detail?: string };
/** A match: the entry's index in the list and the matched positions in its label (UTF-16 offsets). */
export type FuzzyMatch = { index: number; positions: number[] };

type Target = { label: FuzzyTarget; detail: FuzzyTarget | undefined; index: number };
type Prepared = { targets: Target[]; details: boolean };

// A list is prepared once (lower-cased, split into words) and searched on every key after: 20,000
// paths cost a few milliseconds a query instead of preparing them again each time.
const prepared = new WeakMap<readonly FuzzyEntry[], Prepared>();

function prepare(entries: readonly FuzzyEntry[]): Prepared {
  let p = prepared.get(entries);
  if (p === undefined) {
    const targets = entries.map((e, index) => ({
      label: fuzzysort.prepare(e.label), detail: e.detail ? fuzzysort.prepare(e.detail) : undefined, index,
    }));
    p = { targets, details: entries.some((e) => !!e.detail) };
    prepared.set(entries, p);
  }
  return p;
}

/** Entries matching query, best first (ties keep list order); an empty query keeps every entry in
 *  order. `limit` caps the result (0: all). The same `entries` array is prepared only once. */
export function fuzzyFilter(entries: readonly FuzzyEntry[], query: string, limit = 0): FuzzyMatch[] {
  const q = query.trim();
  if (q === "") {
    const n = limit > 0 ? Math.min(limit, entries.length) : entries.length;
    return Array.from({ length: n }, (_, index) => ({ index, positions: [] }));
  }
  const { targets, details } = prepare(entries);
  const found = details
    ? [...fuzzysort.go(q, targets, { keys: ["label", "detail"], limit, threshold: 0 })].map((r) => ({ index: r.obj.index, label: r[0], score: r.score }))
    : [...fuzzysort.go(q, targets, { key: "label", limit, threshold: 0 })].map((r) => ({ index: r.obj.index, label: r, score: r.score }));
  return found
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((m) => ({ index: m.index, positions: [...(m.label?.indexes ?? [])].sort((a, b) => a - b) }));
}
