import { describe, expect, it } from "vitest";
import { BufferStore } from "../../engine/kernel/buffer-store.js";
import { TextLines } from "../../engine/kernel/text-lines.js";
import { TransactionManager } from "../../engine/kernel/transaction.js";

describe("TextLines", () => {
  it("holds the text as lines with code-point lengths", () => {
    const t = new TextLines("ab\n😀é\n");
    expect(t.all()).toEqual(["ab", "😀é", ""]);
    expect([t.length, t.lineCount, t.lineLength(1)]).toEqual([6, 3, 2]);
    expect(t.toString()).toBe("ab\n😀é\n");
  });

  it("locates offsets as line and column, the newline belonging to the line it ends", () => {
    const t = new TextLines("ab\n😀é\nxyz");
    expect([0, 2, 3, 5, 6, 9, 99].map((cp) => t.locate(cp))).toEqual([
      { line: 0, col: 0 }, { line: 0, col: 2 }, { line: 1, col: 0 }, { line: 1, col: 2 },
      { line: 2, col: 0 }, { line: 2, col: 3 }, { line: 2, col: 3 },
    ]);
    expect([t.lineStart(2), t.lineStart(0), t.lineStart(1)]).toEqual([6, 0, 3]);
  });

  it("splices within a line, across lines and with new lines, returning what it removed", () => {
    const t = new TextLines("one\ntwo\nthree");
    expect(t.splice(1, 1, "X")).toBe("");
    expect(t.toString()).toBe("oXne\ntwo\nthree");
    expect(t.splice(3, 10, "")).toBe("e\ntwo\nt");
    expect(t.toString()).toBe("oXnhree");
    expect(t.splice(2, 2, "1\n2\n")).toBe("");
    expect(t.all()).toEqual(["oX1", "2", "nhree"]);
    expect(t.length).toBe(11);
  });

  it("counts surrogate pairs as one code point when splicing", () => {
    const t = new TextLines("a😀b\nc");
    t.splice(1, 2, "語");
    expect(t.toString()).toBe("a語b\nc");
    expect(t.slice(1, 5)).toBe("語b\nc");
  });

  it("takes a paste of many thousands of lines in one splice", () => {
    const t = new TextLines("[]");
    const paste = Array.from({ length: 200000 }, (_, i) => `l${i}`).join("\n");
    t.splice(1, 1, paste);
    expect(t.lineCount).toBe(200000);
    expect([t.line(0), t.line(199999)]).toEqual(["[l0", "l199999]"]);
    expect(t.length).toBe(paste.length + 2);
  });
});

describe("BufferStore in-place edits", () => {
  it("rolls an insert, a delete and a replace back to the text and cursor before them", () => {
    const tx = new TransactionManager();
    const buffers = new BufferStore(tx);
    buffers.set("b", { text: "ab\ncd", cursor: 1 });
    tx.begin();
    buffers.insert("b", 4, "X\nY");
    buffers.deleteRange("b", 0, 2);
    buffers.replace("b", 2, 3, "é");
    buffers.setLabel("b", "edited");
    expect([buffers.getText("b"), buffers.getCursor("b")]).toEqual(["\ncé\nYd", 3]);
    tx.rollback();
    expect([buffers.getText("b"), buffers.getCursor("b"), buffers.get("b")!.label]).toEqual(["ab\ncd", 1, ""]);
  });

  it("reads lines and the length without joining the text", () => {
    const buffers = new BufferStore(new TransactionManager());
    buffers.setText("b", "x\ny\nz");
    buffers.insert("b", 2, "w");
    expect(buffers.getLines("b", 1, 2)).toEqual(["wy"]);
    expect(buffers.getLength("b")).toBe(6);
  });
});
