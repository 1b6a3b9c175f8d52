import stringWidth from "string-width";

// Intl.Segmenter gives grapheme clusters (emoji ZWJ sequences, combining marks) as one unit.
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
// string-width is costly per call; graphemes repeat endlessly in a transcript, so cache them.
const widthCache = new Map<string, number>();
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** Splits text into grapheme clusters. */
export function graphemes(text: string): string[] {
  if (ASCII_PRINTABLE.test(text)) return text.split("");
  const out: string[] = [];
  for (const s of segmenter.segment(text)) out.push(s.segment);
  return out;
}

/** Grapheme clusters of text, produced lazily so a caller can stop early (e.g. at a clip edge). */
export function graphemeSegments(text: string): Iterable<{ segment: string }> {
  return segmenter.segment(text);
}

/** True when text is printable ASCII only (one cell per character, no segmentation needed). */
export function isPrintableAscii(text: string): boolean {
  return ASCII_PRINTABLE.test(text);
}

/** Terminal cell width of one grapheme cluster (0, 1 or 2). */
export function graphemeWidth(g: string): number {
  if (g.length === 1) {
    const c = g.charCodeAt(0);
    if (c >= 0x20 && c < 0x7f) return 1;
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
  for (const s of segmenter.segment(text)) w += graphemeWidth(s.segment);
  return w;
}
