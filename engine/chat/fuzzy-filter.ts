// Fuzzy matching for pickers and `@` file completion: fuzzysort (Sublime-style scoring: word
// starts and runs of letters rank first), over a label and an optional detail.
import fuzzysort from "fuzzysort";

/** One candidate: the label is what is matched and highlighted; the detail is matched too. */
export type FuzzyEntry = { readonly label: string; readonly detail?: string };
/** A match: the entry's index in the list and the matched positions in its label (UTF-16 offsets). */
export type FuzzyMatch = { index: number; positions: number[] };

/** Entries matching query, best first (ties keep list order); an empty query keeps every entry in
 *  order. `limit` caps the result (0: all). */
export function fuzzyFilter(entries: readonly FuzzyEntry[], query: string, limit = 0): FuzzyMatch[] {
  const q = query.trim();
  if (q === "") {
    const n = limit > 0 ? Math.min(limit, entries.length) : entries.length;
    return Array.from({ length: n }, (_, index) => ({ index, positions: [] }));
  }
  const targets = entries.map((e, index) => ({ label: e.label, detail: e.detail ?? "", index }));
  const found = fuzzysort.go(q, targets, { keys: ["label", "detail"], limit, threshold: 0 });
  return [...found]
    .map((r) => ({ index: r.obj.index, positions: [...(r[0]?.indexes ?? [])].sort((a, b) => a - b), score: r.score }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ index, positions }) => ({ index, positions }));
}
