// Words for error messages: "a, b or c" lists and the near name a typo probably meant.

/** "a", "a or b", "a, b or c". */
export function orList(values: readonly string[]): string {
  if (values.length <= 1) return values.join("");
  return `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

/** The candidate within `within` typos of `name` (closest first), if any. A typo is a letter
 *  added, dropped or changed, or two neighbours swapped. */
export function nearName(name: string, candidates: Iterable<string>, within = 2): string | undefined {
  let best: string | undefined;
  let bestDist = within + 1;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

// Optimal string alignment distance: Levenshtein plus the swap of two neighbouring letters.
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}
