import { describe, expect, it } from "vitest";
import { BufferStore } from "../../engine/kernel/buffer-store.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { TransactionManager } from "../../engine/kernel/transaction.js";

function setup(text: string) {
  const buffers = new BufferStore(new TransactionManager());
  buffers.setText("b", text);
  const b = buffers.get("b")!;
  const at = (ns: number, id: number) => {
    const m = buffers.marks.get(b, ns, id)!;
    return m.end ? [m.line, m.col, m.end.line, m.end.col] : [m.line, m.col];
  };
  return { buffers, b, at };
}

describe("extmarks move with the text", () => {
  it("an insert before a mark shifts it, also across a new line", () => {
    const { buffers, b, at } = setup("one two");
    const id = buffers.marks.set(b, 1, { line: 0, col: 4 }, {});
    buffers.insert("b", 0, "zero\n");
    expect(at(1, id)).toEqual([1, 4]);
  });

  it("an insert at the mark moves it right, or not with right_gravity=false", () => {
    const { buffers, b, at } = setup("ab");
    const right = buffers.marks.set(b, 1, { line: 0, col: 1 }, {});
    const left = buffers.marks.set(b, 1, { line: 0, col: 1 }, { rightGravity: false });
    buffers.insert("b", 1, "XY");
    expect(at(1, right)).toEqual([0, 3]);
    expect(at(1, left)).toEqual([0, 1]);
  });

  it("a range keeps its end before text typed at the end unless end_right_gravity", () => {
    const { buffers, b, at } = setup("word");
    const fixed = buffers.marks.set(b, 1, { line: 0, col: 0 }, { end: { line: 0, col: 4 } });
    const grows = buffers.marks.set(b, 1, { line: 0, col: 0 }, { end: { line: 0, col: 4 }, endRightGravity: true, rightGravity: false });
    buffers.insert("b", 4, "s");
    expect(at(1, fixed)).toEqual([0, 0, 0, 4]);
    expect(at(1, grows)).toEqual([0, 0, 0, 5]);
  });

  it("a deleted range collapses its marks to its start", () => {
    const { buffers, b, at } = setup("a\nbcd\ne");
    const inside = buffers.marks.set(b, 1, { line: 1, col: 2 }, {});
    const after = buffers.marks.set(b, 1, { line: 2, col: 1 }, {});
    buffers.deleteRange("b", 1, 5);
    expect(buffers.getText("b")).toBe("a\ne");
    expect(at(1, inside)).toEqual([0, 1]);
    expect(at(1, after)).toEqual([1, 1]);
  });

  it("set_text keeps marks outside the changed part where they were", () => {
    const { buffers, b, at } = setup("hello world");
    const id = buffers.marks.set(b, 1, { line: 0, col: 6 }, { end: { line: 0, col: 11 } });
    buffers.setText("b", "hello big world");
    expect(at(1, id)).toEqual([0, 10, 0, 15]);
  });

  it("a failing handler's marks and edits roll back together", () => {
    const rt = new Runtime();
    rt.buffers.setText("notes", "abc");
    const b = rt.buffers.get("notes")!;
    const id = rt.buffers.marks.set(b, 1, { line: 0, col: 2 }, {});
    const r = rt.guard("ext", "test", () => {
      rt.buffers.insert("notes", 0, "xx");
      rt.buffers.marks.set(b, 1, { line: 0, col: 0 }, { hl: { underline: true } });
      rt.buffers.marks.delete(b, 1, id);
      throw new Error("boom");
    });
    expect(r.ok).toBe(false);
    expect(rt.buffers.getText("notes")).toBe("abc");
    expect(rt.buffers.marks.list(b, -1, { line: 0, col: 0 }, { line: -1, col: -1 }).map((m) => [m.id, m.line, m.col])).toEqual([[id, 0, 2]]);
  });

  it("marks of a block move as the block streams and stay out of the buffer's text marks", () => {
    const buffers = new BufferStore(new TransactionManager());
    const blk = buffers.appendBlock("t", { kind: "message", role: "assistant", text: "ab" });
    const b = buffers.get("t")!;
    const id = buffers.marks.set(b, 1, { line: 0, col: 2 }, { block: blk.id });
    buffers.appendToBlock("t", blk.id, "cd");
    expect(buffers.marks.get(b, 1, id)).toMatchObject({ line: 0, col: 4, block: blk.id });
    expect(buffers.marks.inLines(b, 0, 10)).toEqual([]);
    expect(buffers.marks.inBlock(b, blk.id).map((m) => m.id)).toEqual([id]);
  });

  it("marks of a deleted or replaced block go with it; the same id set again keeps its marks; a rollback brings them back", () => {
    const rt = new Runtime();
    const [a, c] = ["a", "c"].map((id) => rt.buffers.appendBlock("t", { id, kind: "message", role: "assistant", text: "hello" }));
    const b = rt.buffers.get("t")!;
    const ma = rt.buffers.marks.set(b, 1, { line: 0, col: 1 }, { block: a!.id });
    const mc = rt.buffers.marks.set(b, 1, { line: 0, col: 2 }, { block: c!.id });
    const listed = () => [a!.id, c!.id].flatMap((id) => rt.buffers.marks.list(b, -1, { line: 0, col: 0 }, { line: -1, col: -1 }, id)).map((m) => m.id);
    expect(rt.guard("ext", "test", () => { rt.buffers.deleteBlocks("t", 0, 1); throw new Error("no"); }).ok).toBe(false);
    expect(listed()).toEqual([ma, mc]);
    rt.buffers.deleteBlocks("t", 0, 1);
    expect([listed(), rt.buffers.marks.get(b, 1, ma)]).toEqual([[mc], undefined]);
    rt.buffers.setBlocks("t", 0, -1, [{ id: "c", kind: "message", role: "assistant", text: "hello again" }]);
    expect(listed()).toEqual([mc]);
    rt.buffers.set("t", { blocks: [{ id: "z", kind: "message", role: "assistant", text: "other" }] });
    expect([listed(), rt.buffers.marks.get(b, 1, mc)]).toEqual([[], undefined]);
  });

  it("the text's marks are placed and read from its lines: an edit never joins the whole text", () => {
    const buffers = new BufferStore(new TransactionManager());
    buffers.setText("c", Array.from({ length: 1000 }, (_, i) => `line ${i}`).join("\n"));
    const b = buffers.get("c")!;
    const ids = [10, 500, 999].map((line) => buffers.marks.set(b, 1, { line, col: 5 }, { end: { line, col: 7 } }));
    let joins = 0;
    const toString = b.lines.toString.bind(b.lines);
    b.lines.toString = () => { joins++; return toString(); };
    buffers.insert("c", b.lines.lineStart(500) + 2, "XX\n");
    expect(buffers.marks.inLines(b, 500, 501).map((m) => [m.id, m.line, m.col, m.end])).toEqual([[ids[1], 501, 3, { line: 501, col: 5 }]]);
    expect(buffers.marks.get(b, 1, ids[2]!)).toMatchObject({ line: 1000, col: 5 });
    expect(buffers.marks.list(b, 1, { line: 0, col: 0 }, { line: 20, col: 0 }).map((m) => m.line)).toEqual([10]);
    expect(joins).toBe(0);
  });
});
