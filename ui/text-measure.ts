// Grapheme clusters and their terminal cell widths. The common non-ASCII text of a screen (box
// drawing, Latin-1 and Latin extended, Greek, Cyrillic, punctuation, arrows, maths, CJK, kana,
// Hangul syllables) is measured from a table of code-point ranges, without string-width and
// without Intl.Segmenter: string-width costs tens of ms to import and to run first (its emoji
// regexes), and the segmenter's first use loads ICU break data. Both load on the first grapheme
// the table does not cover (an emoji, a combining mark).
import { createRequire } from "node:module";

type StringWidth = (text: string) => number;

// require() of an ES module (string-width is one) works from Node 20.19 / 22.12 on; older Node
// loads it here at once, as a static import would.
const canRequireEsm = (process.features as { require_module?: boolean }).require_module === true;
let stringWidthFn: StringWidth | undefined = canRequireEsm ? undefined : (await import("string-width")).default;

function stringWidth(text: string): number {
  stringWidthFn ??= (createRequire(import.meta.url)("string-width") as { default: StringWidth }).default;
  return stringWidthFn(text);
}

// Intl.Segmenter gives grapheme clusters (emoji ZWJ sequences, combining marks) as one unit.
let segmenter: Intl.Segmenter | undefined;
const segment = (text: string) => (segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" })).segment(text);
// string-width is costly per call; graphemes repeat endlessly in a transcript, so cache them.
const widthCache = new Map<string, number>();
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

// [first, last, width] of BMP ranges whose every code point is one grapheme on its own (it never
// combines with a neighbour from these ranges) with this width in string-width; the tests check
// every code point against string-width. Sorted; gaps (soft hyphen, Cyrillic combining marks,
// bidi controls, ◽◾ which are emoji) go to string-width.
const FAST_RANGES: readonly (readonly [number, number, number])[] = [
  [0x00a0, 0x00ac, 1], [0x00ae, 0x02ff, 1], [0x0370, 0x0482, 1], [0x048a, 0x04ff, 1],
  [0x2010, 0x2029, 1], [0x2030, 0x205e, 1], [0x2070, 0x20c0, 1], [0x2100, 0x214f, 1],
  [0x2190, 0x22ff, 1], [0x2500, 0x25fc, 1], [0x25ff, 0x25ff, 1], [0x3041, 0x3096, 2],
  [0x30a1, 0x30fa, 2], [0x4e00, 0x9fff, 2], [0xac00, 0xd7a3, 2], [0xff01, 0xff60, 2],
];

// The ranges as one lookup per UTF-16 code unit (width + 1; 0: not covered), filled natively at
// load: a border of box-drawing characters measures each cell with one array read, where walking
// the ranges cost several ms of the first frame while the code was still interpreted.
const FAST_TABLE = new Uint8Array(0x10000);
FAST_TABLE.fill(2, 0x20, 0x7f);
for (const [lo, hi, w] of FAST_RANGES) FAST_TABLE.fill(w + 1, lo, hi + 1);

/** Cell width of a printable ASCII or table-covered UTF-16 code unit, or -1 when not covered. */
export function fastWidth(code: number): number {
  return (FAST_TABLE[code] ?? 0) - 1;
}

// True when every character of text is covered by fastWidth: then each is its own grapheme.
function allFast(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (fastWidth(text.charCodeAt(i)) < 0) return false;
  return true;
}

/** Splits text into grapheme clusters. */
export function graphemes(text: string): string[] {
  if (ASCII_PRINTABLE.test(text) || allFast(text)) return text.split("");
  const out: string[] = [];
  for (const s of segment(text)) out.push(s.segment);
  return out;
}

/** Grapheme clusters of text, produced lazily so a caller can stop early (e.g. at a clip edge). */
export function graphemeSegments(text: string): Iterable<{ segment: string }> {
  return segment(text);
}

/** True when text is printable ASCII only (one cell per character, no segmentation needed). */
export function isPrintableAscii(text: string): boolean {
  return ASCII_PRINTABLE.test(text);
}

/** Terminal cell width of one grapheme cluster (0, 1 or 2). */
export function graphemeWidth(g: string): number {
  if (g.length === 1) {
    const w = fastWidth(g.charCodeAt(0));
    if (w >= 0) return w;
  }
  let w = widthCache.get(g);
  if (w === undefined) {
    w = Math.min(2, stringWidth(g));
    if (widthCache.size > 50_000) widthCache.clear();
    widthCache.set(g, w);
  }
  return w;
}

/** Terminal cell width of a string (no ANSI escapes expected). */
export function textWidth(text: string): number {
  if (ASCII_PRINTABLE.test(text)) return text.length;
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const f = fastWidth(text.charCodeAt(i));
    if (f < 0) { w = -1; break; }
    w += f;
  }
  if (w >= 0) return w;
  w = 0;
  for (const s of segment(text)) w += graphemeWidth(s.segment);
  return w;
}
