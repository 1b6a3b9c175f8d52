// `@` completion: while the word at the composer's cursor starts with `@`, the project's paths that
// fuzzy-match the rest are offered (composer metadata `completion`, kind "file"); accepting one
// replaces the word with `@path ` (a directory: `@dir/`, so completion goes on inside it).
import type { TextLines } from "../kernel/text-lines.js";
import { fuzzyFilter, indexEntries, type FuzzyEntry } from "./fuzzy-filter.js";
import type { Completion } from "./slash-completion.js";

/** Paths offered at most. */
export const FILE_ITEMS = 50;

/** The `@word` the cursor ends: its code-point range in the text and the query after `@`. */
export type AtWord = { start: number; end: number; query: string };

/** The `@word` ending at the cursor (at a line start or after whitespace), or undefined. */
export function atWordAt(lines: TextLines, cursor: number): AtWord | undefined {
  const { line, col } = lines.locate(cursor);
  const chars = [...lines.line(line)];
  if (col < chars.length && !/\s/.test(chars[col]!)) return undefined; // inside a word, not at its end
  let s = col;
  while (s > 0 && !/\s/.test(chars[s - 1]!)) s--;
  if (chars[s] !== "@") return undefined;
  const lineStart = lines.lineStart(line);
  return { start: lineStart + s, end: lineStart + col, query: chars.slice(s + 1, col).join("") };
}

/** The entries directly inside dir ("" for the top level, else ending in `/`), in walk order. */
function children(paths: readonly string[], dir: string): string[] {
  return paths.filter((p) => p !== dir && p.startsWith(dir) && !p.slice(dir.length, -1).includes("/"));
}

// One entry list per path list, so fuzzyFilter indexes the paths once, not on every key.
const entryLists = new WeakMap<readonly string[], FuzzyEntry[]>();

function entriesOf(paths: readonly string[]): FuzzyEntry[] {
  let e = entryLists.get(paths);
  if (e === undefined) entryLists.set(paths, (e = paths.map((label) => ({ label }))));
  return e;
}

/** Starts indexing a path list for fuzzy matching in the background (call when a walk ends). */
export function indexPaths(paths: readonly string[]): void {
  indexEntries(entriesOf(paths));
}

// The latest queries' matches per path list, so backspace and typing a word again cost a lookup.
const RECENT_QUERIES = 64;
const recent = new WeakMap<readonly string[], Map<string, string[]>>();

function matchesOf(paths: readonly string[], query: string): string[] {
  let seen = recent.get(paths);
  if (seen === undefined) recent.set(paths, (seen = new Map()));
  let found = seen.get(query);
  if (found === undefined) {
    found = fuzzyFilter(entriesOf(paths), query, FILE_ITEMS).map((m) => paths[m.index]!);
    if (seen.size >= RECENT_QUERIES) seen.delete(seen.keys().next().value!);
    seen.set(query, found);
  }
  return found;
}

/** The completion for `word` over `paths`: `@` alone or `@dir/` lists that directory; anything
 *  else is matched fuzzily over every path, best matches first. */
export function fileCompletion(word: AtWord, paths: readonly string[]): Completion | undefined {
  const listing = word.query === "" || (word.query.endsWith("/") && paths.includes(word.query));
  const found = listing
    ? children(paths, word.query).slice(0, FILE_ITEMS)
    : matchesOf(paths, word.query);
  if (found.length === 0) return undefined;
  // The path typed in full needs no menu.
  if (found.length === 1 && found[0] === word.query) return undefined;
  const items = found.map((path) => ({ name: path, desc: "", label: `@${path}` }));
  return { items, selected: 0, kind: "file", start: word.start, end: word.end };
}
