import { describe, expect, it } from "vitest";
import { BufferStore } from "../../engine/kernel/buffer-store.js";
import { TransactionManager } from "../../engine/kernel/transaction.js";

function store() {
  const tx = new TransactionManager();
  let t = 1000;
  const buffers = new BufferStore(tx, () => t++);
  return { tx, buffers };
}

describe("BufferStore text", () => {
  it("gives ABC4 for the pinned insert/replace/delete_range example", () => {
    const { buffers } = store();
    buffers.setText("b", "1234");
    buffers.insert("b", 0, "A");
    buffers.replace("b", 1, 3, "BC");
    buffers.deleteRange("b", 3, 4);
    expect(buffers.getText("b")).toBe("ABC4");
  });

  it("gives a/B/BB/c for the pinned set_lines example", () => {
    const { buffers } = store();
    buffers.setText("b", "a\nb\nc");
    buffers.setLines("b", 1, 2, ["B", "BB"]);
    expect(buffers.getText("b")).toBe("a\nB\nBB\nc");
  });

  it("reads an unknown buffer as empty without creating it", () => {
    const { buffers } = store();
    expect(buffers.getText("nope")).toBe("");
    expect(buffers.getCursor("nope")).toBe(0);
    expect(buffers.getBlocks("nope")).toEqual([]);
    expect(buffers.has("nope")).toBe(false);
  });

  it("creates a buffer on first write and lists names sorted", () => {
    const { buffers } = store();
    buffers.insert("zeta", 0, "z");
    buffers.create("alpha");
    expect(buffers.list()).toEqual(["alpha", "zeta"]);
  });

  it("moves the cursor to the end on set_text", () => {
    const { buffers } = store();
    buffers.setText("b", "héllo😀");
    expect(buffers.getCursor("b")).toBe(6);
  });

  it("leaves the cursor after inserted text", () => {
    const { buffers } = store();
    buffers.setText("b", "ad");
    buffers.insert("b", 1, "bc");
    expect(buffers.getText("b")).toBe("abcd");
    expect(buffers.getCursor("b")).toBe(3);
  });

  it("clamps an insert position beyond either end", () => {
    const { buffers } = store();
    buffers.setText("b", "ab");
    buffers.insert("b", 99, "!");
    buffers.insert("b", -5, "^");
    expect(buffers.getText("b")).toBe("^ab!");
    expect(buffers.getCursor("b")).toBe(1);
  });

  it("counts offsets in code points, not UTF-16 units", () => {
    const { buffers } = store();
    buffers.setText("b", "a😀b");
    buffers.insert("b", 2, "X");
    expect(buffers.getText("b")).toBe("a😀Xb");
    buffers.deleteRange("b", 1, 2);
    expect(buffers.getText("b")).toBe("aXb");
    expect(buffers.getCursor("b")).toBe(1);
  });

  it("puts the cursor at start after delete_range", () => {
    const { buffers } = store();
    buffers.setText("b", "abcdef");
    buffers.deleteRange("b", 2, 4);
    expect(buffers.getText("b")).toBe("abef");
    expect(buffers.getCursor("b")).toBe(2);
  });

  it("swaps a reversed range", () => {
    const { buffers } = store();
    buffers.setText("b", "abcdef");
    buffers.deleteRange("b", 4, 2);
    expect(buffers.getText("b")).toBe("abef");
    buffers.replace("b", 3, 1, "X");
    expect(buffers.getText("b")).toBe("aXf");
    expect(buffers.getCursor("b")).toBe(2);
  });

  it("treats an empty range as an insertion point", () => {
    const { buffers } = store();
    buffers.setText("b", "abc");
    buffers.deleteRange("b", 1, 1);
    expect(buffers.getText("b")).toBe("abc");
    buffers.replace("b", 1, 1, "--");
    expect(buffers.getText("b")).toBe("a--bc");
    expect(buffers.getCursor("b")).toBe(3);
  });

  it("clamps a range past the end", () => {
    const { buffers } = store();
    buffers.setText("b", "abc");
    buffers.replace("b", 1, 50, "Z");
    expect(buffers.getText("b")).toBe("aZ");
  });

  it("clamps set_cursor", () => {
    const { buffers } = store();
    buffers.setText("b", "abc");
    buffers.setCursor("b", 10);
    expect(buffers.getCursor("b")).toBe(3);
    buffers.setCursor("b", -2);
    expect(buffers.getCursor("b")).toBe(0);
  });

  it("appends text and moves the cursor to the end", () => {
    const { buffers } = store();
    buffers.setText("b", "ab");
    buffers.setCursor("b", 0);
    buffers.append("b", "cd");
    expect(buffers.getText("b")).toBe("abcd");
    expect(buffers.getCursor("b")).toBe(4);
  });

  it("clears text, cursor and blocks", () => {
    const { buffers } = store();
    buffers.setText("b", "ab");
    buffers.append("b", { role: "user", text: "hi" });
    buffers.clear("b");
    expect(buffers.get("b")).toMatchObject({ text: "", cursor: 0, blocks: [] });
  });
});

describe("BufferStore lines", () => {
  it("gets all lines by default and a range with end -1", () => {
    const { buffers } = store();
    buffers.setText("b", "a\nb\nc");
    expect(buffers.getLines("b")).toEqual(["a", "b", "c"]);
    expect(buffers.getLines("b", 1)).toEqual(["b", "c"]);
    expect(buffers.getLines("b", 0, 2)).toEqual(["a", "b"]);
    expect(buffers.getLines("b", 2, 0)).toEqual(["a", "b"]);
    expect(buffers.getLines("b", 1, 99)).toEqual(["b", "c"]);
  });

  it("inserts lines with an empty range and deletes with an empty list", () => {
    const { buffers } = store();
    buffers.setText("b", "a\nc");
    buffers.setLines("b", 1, 1, ["b"]);
    expect(buffers.getText("b")).toBe("a\nb\nc");
    buffers.setLines("b", 0, 1, []);
    expect(buffers.getText("b")).toBe("b\nc");
  });

  it("replaces everything from start to the end with end -1", () => {
    const { buffers } = store();
    buffers.setText("b", "a\nb\nc");
    buffers.setLines("b", 1, -1, ["z"]);
    expect(buffers.getText("b")).toBe("a\nz");
  });

  it("keeps the cursor clamped after set_lines", () => {
    const { buffers } = store();
    buffers.setText("b", "aaaa\nbbbb");
    buffers.setLines("b", 0, -1, ["x"]);
    expect(buffers.getCursor("b")).toBe(1);
  });
});

describe("BufferStore set", () => {
  it("lets chars win over text and puts the cursor at the end by default", () => {
    const { buffers } = store();
    buffers.set("b", { text: "ignored", chars: ["h", "😀", "!"] });
    expect(buffers.get("b")).toMatchObject({ text: "h😀!", cursor: 3 });
  });

  it("resets missing label, metadata and blocks", () => {
    const { buffers } = store();
    buffers.set("b", { text: "x", label: "L", metadata: { a: 1 }, blocks: [{ role: "user", text: "hi" }] });
    buffers.set("b", { text: "y", cursor: 0 });
    expect(buffers.get("b")).toMatchObject({ text: "y", cursor: 0, label: "", metadata: {}, blocks: [] });
  });

  it("sets the text from a string", () => {
    const { buffers } = store();
    buffers.set("b", { text: "x", label: "L" });
    buffers.set("b", "hello");
    expect(buffers.get("b")).toMatchObject({ text: "hello", cursor: 5, label: "L" });
  });

  it("clamps a given cursor", () => {
    const { buffers } = store();
    buffers.set("b", { text: "abc", cursor: 9 });
    expect(buffers.getCursor("b")).toBe(3);
  });

  it("sets label, metadata keys and vars", () => {
    const { buffers } = store();
    buffers.setLabel("composer", "vim: normal");
    buffers.setMetadata("composer", "mode", "normal");
    buffers.setVar("composer", "count", 3);
    expect(buffers.get("composer")).toMatchObject({ label: "vim: normal", metadata: { mode: "normal" } });
    expect(buffers.getVar("composer", "count")).toBe(3);
    expect(buffers.getVar("composer", "other")).toBeUndefined();
  });
});

describe("BufferStore blocks", () => {
  it("appends a block-ish table as a block with generated id and created_at", () => {
    const { buffers } = store();
    buffers.append("t", { role: "user", text: "hi" });
    const [b] = buffers.getBlocks("t");
    expect(b).toMatchObject({ kind: "message", role: "user", text: "hi", index: 0, streaming: false, metadata: {} });
    expect(b!.id).toMatch(/^b\d+$/);
    expect(b!.created_at).toBe(1000);
    expect(buffers.getText("t")).toBe("");
  });

  it("appends a table without block keys as text", () => {
    const { buffers } = store();
    buffers.append("t", { text: "plain" });
    expect(buffers.getText("t")).toBe("plain");
    expect(buffers.getBlocks("t")).toEqual([]);
  });

  it("keeps given ids and renumbers index on set_blocks", () => {
    const { buffers } = store();
    buffers.setBlocks("t", 0, -1, [{ id: "a", text: "1" }, { id: "b", text: "2" }, { id: "c", text: "3" }]);
    buffers.setBlocks("t", 0, 1, [{ id: "x" }, { id: "y" }]);
    expect(buffers.getBlocks("t").map((b) => [b.id, b.index])).toEqual([["x", 0], ["y", 1], ["b", 2], ["c", 3]]);
  });

  it("gets and deletes block ranges with end -1 and renumbers", () => {
    const { buffers } = store();
    buffers.setBlocks("t", 0, -1, ["a", "b", "c", "d"].map((id) => ({ id })));
    expect(buffers.getBlocks("t", 1, 3).map((b) => b.id)).toEqual(["b", "c"]);
    expect(buffers.getBlocks("t", 2).map((b) => b.id)).toEqual(["c", "d"]);
    buffers.deleteBlocks("t", 3, 1);
    expect(buffers.getBlocks("t").map((b) => [b.id, b.index])).toEqual([["a", 0], ["d", 1]]);
  });

  it("hands out copies: changing a returned block leaves the store alone", () => {
    const { buffers } = store();
    buffers.appendBlock("t", { id: "a", text: "x" });
    buffers.getBlocks("t")[0]!.text = "changed";
    expect(buffers.getBlocks("t")[0]!.text).toBe("x");
  });

  it("streams text into a block and bumps its rev and the buffer's", () => {
    const { buffers } = store();
    const blk = buffers.appendBlock("t", { id: "m1", role: "assistant", streaming: true });
    const rev = blk.rev;
    const bufRev = buffers.get("t")!.rev;
    buffers.appendToBlock("t", "m1", "Hel");
    buffers.appendToBlock("t", "m1", "lo");
    expect(buffers.getBlocks("t")[0]!.text).toBe("Hello");
    expect(buffers.get("t")!.blocks[0]!.rev).toBeGreaterThan(rev);
    expect(buffers.get("t")!.rev).toBeGreaterThan(bufRev);
  });

  it("updates a block by id and keeps its id and index", () => {
    const { buffers } = store();
    buffers.appendBlock("t", { id: "a" });
    buffers.appendBlock("t", { id: "m", streaming: true, text: "x" });
    expect(buffers.updateBlock("t", "m", { streaming: false, id: "zzz", index: 9, metadata: { tokens: 3 } })).toBe(true);
    expect(buffers.getBlocks("t", 1)[0]).toMatchObject({ id: "m", index: 1, streaming: false, metadata: { tokens: 3 } });
    expect(buffers.updateBlock("t", "missing", { text: "q" })).toBe(false);
  });
});

describe("BufferStore inside transactions", () => {
  it("undoes every kind of mutation on rollback", () => {
    const { tx, buffers } = store();
    buffers.set("b", { text: "keep", label: "L", blocks: [{ id: "a", text: "x" }] });
    buffers.setVar("b", "v", 1);
    tx.begin();
    buffers.insert("b", 0, ">");
    buffers.setLines("b", 0, 1, ["new"]);
    buffers.appendBlock("b", { id: "z" });
    buffers.appendToBlock("b", "a", "yz");
    buffers.updateBlock("b", "a", { role: "user" });
    buffers.setBlocks("b", 0, 0, [{ id: "first" }]);
    buffers.setVar("b", "v", 2);
    buffers.setVar("b", "w", 3);
    buffers.setLabel("b", "M");
    buffers.create("other");
    buffers.delete("b");
    tx.rollback();
    expect(buffers.list()).toEqual(["b"]);
    expect(buffers.get("b")).toMatchObject({ text: "keep", cursor: 4, label: "L" });
    expect(buffers.getBlocks("b").map((b) => [b.id, b.index, b.text, b.role])).toEqual([["a", 0, "x", ""]]);
    expect(buffers.get("b")!.vars).toEqual({ v: 1 });
  });

  it("touches the buffer on every mutation", () => {
    const { tx, buffers } = store();
    const seen: string[][] = [];
    tx.onCommit((t) => seen.push([...t.buffers]));
    tx.begin();
    buffers.appendBlock("transcript", { role: "user" });
    buffers.setCursor("composer", 0);
    tx.commit();
    expect(seen).toEqual([["transcript", "composer"]]);
  });

  it("journals one small closure per streamed delta", () => {
    const { tx, buffers } = store();
    for (let i = 0; i < 1000; i++) buffers.appendBlock("t", { id: `m${i}`, text: "old" });
    tx.begin();
    const sp = tx.savepoint();
    buffers.appendToBlock("t", "m999", "a");
    expect(tx.savepoint() - sp).toBe(1);
    tx.commit();
  });
});
