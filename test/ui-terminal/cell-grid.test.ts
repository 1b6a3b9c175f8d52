import { describe, expect, it } from "vitest";
import { CellGrid, StyleTable } from "../../ui/cell-grid.js";
import { graphemes, graphemeWidth } from "../../ui/text-measure.js";

describe("CellGrid", () => {
  it("starts blank, every row exactly width cells", () => {
    expect(new CellGrid(4, 2).toLines()).toEqual(["    ", "    "]);
  });

  it("writes ASCII and returns the column after it", () => {
    const g = new CellGrid(8, 1);
    expect(g.writeText(1, 0, "abc")).toBe(4);
    expect(g.toLines()).toEqual([" abc    "]);
  });

  it("clips ASCII to a rectangle on both sides", () => {
    const g = new CellGrid(8, 2);
    g.writeText(0, 0, "abcdefgh", 0, { x: 2, y: 0, width: 3, height: 1 });
    g.writeText(0, 1, "abcdefgh", 0, { x: 2, y: 0, width: 3, height: 1 });
    expect(g.toLines()).toEqual(["  cde   ", "        "]);
  });

  it("ignores writes outside the grid", () => {
    const g = new CellGrid(3, 1);
    g.writeText(-2, 0, "abcd");
    g.writeText(0, 5, "zzz");
    expect(g.toLines()).toEqual(["cd "]);
  });

  it("stores a wide grapheme as a lead cell and a continuation cell", () => {
    const g = new CellGrid(6, 1);
    expect(g.writeText(0, 0, "語x")).toBe(3);
    expect(g.get(0, 0)).toEqual({ ch: "語", width: 2, style: 0 });
    expect(g.get(1, 0)).toEqual({ ch: "", width: 0, style: 0 });
    expect(g.toLines()).toEqual(["語x   "]);
  });

  it("turns a wide grapheme that straddles the right clip edge into a space", () => {
    const g = new CellGrid(6, 1);
    g.fill(g.bounds(), ".");
    g.writeText(0, 0, "a語", 0, { x: 0, y: 0, width: 2, height: 1 });
    expect(g.toLines()).toEqual(["a ...."]);
  });

  it("turns a wide grapheme that straddles the left clip edge into a space", () => {
    const g = new CellGrid(6, 1);
    g.fill(g.bounds(), ".");
    g.writeText(1, 0, "語b", 0, { x: 2, y: 0, width: 4, height: 1 });
    expect(g.toLines()).toEqual([".. b.."]);
  });

  it("turns a wide grapheme at the grid's last column into a space", () => {
    const g = new CellGrid(3, 1);
    expect(g.writeText(2, 0, "語")).toBe(4);
    expect(g.toLines()).toEqual(["   "]);
  });

  it("blanks the other half when the leading half of a wide grapheme is overwritten", () => {
    const g = new CellGrid(4, 1);
    g.writeText(0, 0, "語語");
    g.writeText(0, 0, "x");
    expect(g.toLines()).toEqual(["x 語"]);
    expect(g.get(1, 0)).toEqual({ ch: " ", width: 1, style: 0 });
  });

  it("blanks the other half when the trailing half of a wide grapheme is overwritten", () => {
    const g = new CellGrid(4, 1);
    g.writeText(0, 0, "語語");
    g.writeText(1, 0, "y");
    expect(g.toLines()).toEqual([" y語"]);
  });

  it("a wide grapheme written over two wide halves blanks both neighbours", () => {
    const g = new CellGrid(6, 1);
    g.writeText(0, 0, "語語語");
    g.writeText(1, 0, "中");
    expect(g.toLines()).toEqual([" 中 語"]);
  });

  it("keeps combining marks and emoji sequences in one cell", () => {
    const g = new CellGrid(6, 1);
    expect(g.writeText(0, 0, "e\u0301👍🏽")).toBe(3);
    expect(g.get(0, 0)!.ch).toBe("e\u0301");
    expect(g.get(1, 0)).toEqual({ ch: "👍🏽", width: 2, style: 0 });
  });

  it("joins a combining mark that starts a span to the cell on its left", () => {
    const g = new CellGrid(4, 1);
    const a = g.styles.intern({ bold: true });
    g.writeSpans(0, 0, [{ text: "e", styleId: 0 }, { text: "\u0301x", styleId: a }]);
    expect(g.get(0, 0)!.ch).toBe("e\u0301");
    expect(g.get(1, 0)).toEqual({ ch: "x", width: 1, style: a });
  });

  it("drops control characters", () => {
    const g = new CellGrid(5, 1);
    expect(g.writeText(0, 0, "a\tb\x1b語")).toBe(4);
    expect(g.toLines()).toEqual(["ab語 "]);
  });

  it("writes spans with their styles and returns the final column", () => {
    const g = new CellGrid(8, 1);
    const bold = g.styles.intern({ bold: true });
    expect(g.writeSpans(1, 0, [{ text: "ab", styleId: bold }, { text: "語", styleId: 0 }])).toBe(5);
    expect([g.get(1, 0)!.style, g.get(2, 0)!.style, g.get(3, 0)!.style]).toEqual([bold, bold, 0]);
  });

  it("fills a rectangle and blanks wide graphemes cut by its edges", () => {
    const g = new CellGrid(6, 2);
    g.writeText(0, 0, "語語語");
    g.fill({ x: 1, y: 0, width: 3, height: 5 }, "#", 0);
    expect(g.toLines()).toEqual([" ###語", " ###  "]);
  });

  it("clears to a style", () => {
    const g = new CellGrid(2, 1);
    const s = g.styles.intern({ bg: 0x112233 });
    g.writeText(0, 0, "語");
    g.clear(s);
    expect(g.get(1, 0)).toEqual({ ch: " ", width: 1, style: s });
  });

  it("copies another grid, resizing to match", () => {
    const styles = new StyleTable();
    const a = new CellGrid(3, 1, styles);
    a.writeText(0, 0, "語a");
    const b = new CellGrid(1, 1, styles);
    b.copyFrom(a);
    expect(b.toLines()).toEqual(["語a"]);
    expect(b.get(1, 0)!.width).toBe(0);
  });

  it("resize blanks the content", () => {
    const g = new CellGrid(2, 1);
    g.writeText(0, 0, "ab");
    g.resize(3, 2);
    expect(g.toLines()).toEqual(["   ", "   "]);
  });
});

describe("StyleTable", () => {
  it("interns PLAIN as 0 and equal styles to one id", () => {
    const t = new StyleTable();
    expect(t.intern({})).toBe(0);
    const a = t.intern({ fg: 0xff0000, bold: true });
    expect(t.intern({ bold: true, fg: 0xff0000, italic: false })).toBe(a);
    expect(t.intern({ fg: 0xff0000 })).not.toBe(a);
    expect(t.get(a)).toEqual({ fg: 0xff0000, bg: null, bold: true, italic: false, underline: false, reverse: false, dim: false });
  });
});

describe("CellGrid.writeText return column", () => {
  it("measures text on a row outside the clip without drawing it", () => {
    const g = new CellGrid(10, 2);
    expect(g.writeText(1, 1, "a語b", 0, { x: 0, y: 0, width: 10, height: 1 })).toBe(5);
    expect(g.toLines()).toEqual(["          ", "          "]);
  });

  it("stops at the clip's right edge for a very long line", () => {
    const g = new CellGrid(10, 1);
    const col = g.writeText(0, 0, "語".repeat(100_000));
    expect(col).toBeGreaterThanOrEqual(10);
    expect(col).toBeLessThan(12);
    expect(g.toLines()).toEqual(["語語語語語"]);
  });

  it("returns a column at or past the edge for long ASCII with a wide tail", () => {
    const g = new CellGrid(4, 1);
    expect(g.writeText(0, 0, "abcdef語")).toBeGreaterThanOrEqual(4);
    expect(g.toLines()).toEqual(["abcd"]);
  });
});

describe("CellGrid.writeText without segmentation for simple scripts", () => {
  // Reference: every grapheme cluster from Intl.Segmenter, placed by its measured width.
  function reference(text: string, width: number): string[] {
    const cells: string[] = [];
    for (const g of graphemes(text)) {
      const w = graphemeWidth(g);
      if (w === 0) { if (cells.length) cells[cells.length - (cells.at(-1) === "" ? 2 : 1)] += g; continue; }
      if (cells.length + w > width) break;
      cells.push(g);
      if (w === 2) cells.push("");
    }
    while (cells.length < width) cells.push(" ");
    return cells;
  }

  const samples = [
    "Größe café naïve", "e\u0301e\u0301 done", "ab❤\uFE0Fc", "run 🏃\u200D♀\uFE0F now", "カ\u3099 語\u3099",
    "flag 🇫🇷 ok", "☝🏽 up", "한국어 텍스트", "Привет, мир", "box ┌─┐ │x│", "1\uFE0F\u20E3 key", "αβγ — “quoted”",
  ];
  for (const text of samples) {
    it(`matches the segmenter for ${JSON.stringify(text)}`, () => {
      const g = new CellGrid(30, 1);
      g.writeText(0, 0, text);
      const cells = Array.from({ length: 30 }, (_, x) => g.get(x, 0)!.ch);
      expect(cells).toEqual(reference(text, 30));
    });
  }
});
