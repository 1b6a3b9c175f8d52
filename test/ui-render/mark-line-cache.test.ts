// Decorated lines kept between frames: a frame decorates only the lines whose text, width or marks
// changed, and what it draws is exactly what decorating every line afresh draws.
import { describe, expect, it } from "vitest";
import type { MarkSpec } from "../../engine/kernel/extmarks.js";
import { MarkLineCache } from "../../ui/mark-line-cache.js";
import { markLines, type LineRows } from "../../ui/mark-lines.js";
import { ComposerRenderer } from "../../ui/renderers/composer-renderer.js";
import { wrapSpans } from "../../ui/wrap-text.js";
import { marked, paint } from "./mark-fixture.js";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Fixture = ReturnType<typeof marked>;

/** Lines [first, last] of the buffer as the generic renderer wraps them. */
function linesOf(m: Fixture, first: number, last: number, width: number): LineRows[] {
  const out: LineRows[] = [];
  for (let line = first; line <= last && line < m.b.lines.lineCount; line++) {
    const text = m.b.lines.line(line);
    out.push({ line, text, rows: () => (text === "" ? [[]] : wrapSpans([{ text }], width)) });
  }
  return out;
}

/** The rows markLines draws for lines [first, last], with the cache and without it. */
function both(m: Fixture, cache: MarkLineCache, first: number, last: number, width: number) {
  const q = m.rt.buffers.marks.query(m.b)!;
  const lines = linesOf(m, first, last, width);
  return { cached: markLines(lines, q, width, 0, cache).rows, fresh: markLines(lines, q, width, 0).rows };
}

describe("decorated lines kept between frames", () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`draw what fresh decoration draws after random edits and mark changes (seed ${seed})`, () => {
      const rand = rng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const m = marked("notes", Array.from({ length: 30 }, (_, i) => `line ${i} has 語 words`).join("\n"));
      const cache = new MarkLineCache();
      m.mark(2, 1, { end: { line: 4, col: 2 }, hl: { bold: true } });
      const specs: Array<() => MarkSpec> = [
        () => ({ end: { line: Math.floor(rand() * 30), col: Math.floor(rand() * 20) }, hl: { underline: true } }),
        () => ({ virtText: [{ text: pick(["!", "ok", "語"]) }], virtTextPos: pick(["eol", "overlay", "right_align", "inline"] as const) }),
        () => ({ signText: "E", virtLines: [[{ text: "~~" }]], virtLinesAbove: rand() < 0.5 }),
        () => ({ hl: { fg: "accent" }, end: { line: 0, col: -1 } }),
      ];
      const ids: number[] = [];
      const ops: Array<() => void> = [
        () => { const len = m.b.lines.length; m.rt.buffers.insert("notes", Math.floor(rand() * len), pick(["y", "ab ", "\n", "x\ny", "語"])); },
        () => { const len = m.b.lines.length; const a = Math.floor(rand() * len); m.rt.buffers.deleteRange("notes", a, Math.min(len, a + 1 + Math.floor(rand() * 12))); },
        () => ids.push(m.mark(Math.floor(rand() * 30), Math.floor(rand() * 25), pick(specs)())),
        () => { if (ids.length > 0) m.rt.buffers.marks.set(m.b, m.ns, { line: Math.floor(rand() * 30), col: 3 }, { id: pick(ids), ...pick(specs)() }); },
        () => { if (ids.length > 0) m.rt.buffers.marks.delete(m.b, m.ns, pick(ids)); },
      ];
      for (let step = 0; step < 150; step++) {
        m.rt.inTransaction(() => pick(ops)());
        const first = Math.min(Math.floor(rand() * 6), m.b.lines.lineCount - 1);
        const width = pick([24, 24, 24, 11]);
        const { cached, fresh } = both(m, cache, first, first + 12, width);
        expect(cached, `step ${step}`).toEqual(fresh);
      }
    });
  }

  it("decorate again only the line a key changed", () => {
    const m = marked("notes", Array.from({ length: 200 }, (_, i) => `w${i} x${i} y${i}`).join("\n"));
    for (let line = 0; line < 200; line++) for (const col of [0, 5, 10]) m.mark(line, col, { end: { line, col: col + 2 }, hl: { underline: true } });
    const cache = new MarkLineCache();
    both(m, cache, 100, 114, 30);
    expect(cache.misses).toBe(15);
    m.rt.inTransaction(() => m.rt.buffers.insert("notes", m.b.lines.lineStart(107) + 1, "k"));
    both(m, cache, 100, 114, 30);
    expect(cache.misses).toBe(16);
    // A newline above the view moves every line down one: their text and marks are found again.
    m.rt.inTransaction(() => m.rt.buffers.insert("notes", m.b.lines.lineStart(50), "\n"));
    both(m, cache, 101, 115, 30);
    expect(cache.misses).toBe(16);
    // A mark set on one line decorates that line again.
    m.mark(110, 1, { virtText: [{ text: "!" }] });
    both(m, cache, 101, 115, 30);
    expect(cache.misses).toBe(17);
  });

  it("redraw a line whose text stayed when the next line's marks collapse onto its end", () => {
    const m = marked("composer", "ab\ncd");
    m.mark(1, 1, { virtText: [{ text: "<1" }] });
    const composer = new ComposerRenderer();
    expect(paint(composer.render(m.inputFor("composer", 10, 2, 0)), 10, 2).toLines()).toEqual([" ab       ", " cd <1    "]);
    // "\ncd" goes: line 0 keeps its text "ab" but now holds the mark, at its end.
    m.rt.inTransaction(() => m.rt.buffers.deleteRange("composer", 2, 5));
    expect(paint(composer.render(m.inputFor("composer", 10, 2, 0)), 10, 2).toLines()).toEqual([" ab <1    ", "          "]);
  });
});
