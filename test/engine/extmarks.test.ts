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
});
