// Extmarks under thousands of random edits, compared after every step with a brute-force model
// that applies the contract's rules to a plain list: an insert before a mark shifts it, at the mark
// it follows the mark's gravity; a deleted range collapses its marks to its start; a replace is a
// delete then an insert; a range never turns inside out. Rolled-back transactions restore all.
import { describe, expect, it } from "vitest";
import { BufferStore } from "../../engine/kernel/buffer-store.js";
import { TransactionManager } from "../../engine/kernel/transaction.js";

type Model = { ns: number; id: number; start: number; end: number; rg: boolean; erg: boolean; hasEnd: boolean };

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function delModel(ms: Model[], at: number, len: number): void {
  const f = (x: number) => (x < at ? x : x <= at + len ? at : x - len);
  for (const m of ms) { m.start = f(m.start); m.end = f(m.end); }
}

function insModel(ms: Model[], at: number, len: number): void {
  const g = (x: number, grav: boolean) => (x < at ? x : x > at || grav ? x + len : x);
  for (const m of ms) {
    m.start = g(m.start, m.rg);
    m.end = Math.max(m.start, g(m.end, m.erg));
  }
}

function pos(text: string, off: number): { line: number; col: number } {
  const line = text.slice(0, off).split("\n").length - 1;
  return { line, col: off === 0 ? 0 : off - (text.lastIndexOf("\n", off - 1) + 1) };
}

/** pos() for many offsets of one text: line starts found once. */
function positions(text: string): (off: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (off) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= off) line++;
    return { line, col: off - starts[line]! };
  };
}

const ALPHABET = "ab\nc d";

describe("extmarks under random edits", () => {
  for (const seed of [1, 2, 3]) {
    it(`match the brute-force model over 3,000 operations (seed ${seed})`, () => {
      const r = rng(seed);
      const int = (n: number) => Math.floor(r() * n);
      const tx = new TransactionManager();
      const buffers = new BufferStore(tx);
      let model: Model[] = [];
      buffers.setText("b", "hello\nworld");
      const randomText = () => Array.from({ length: int(4) + (r() < 0.2 ? 0 : 1) }, () => ALPHABET[int(ALPHABET.length)]).join("");
      const step = (): void => {
        const text = buffers.getText("b");
        const len = text.length;
        const op = int(10);
        if ((op < 3 && model.length < 200) || model.length < 5) {
          const ns = 1 + int(2);
          const a = int(len + 1);
          const ranged = r() < 0.5;
          const z = ranged ? a + int(len - a + 1) : a;
          const rg = r() < 0.6;
          const erg = r() < 0.4;
          const id = buffers.marks.set(buffers.get("b")!, ns, pos(text, a), {
            ...(ranged ? { end: pos(text, z), endRightGravity: erg } : {}), rightGravity: rg,
          });
          model.push({ ns, id, start: a, end: z, rg, erg: ranged ? erg : rg, hasEnd: ranged });
        } else if (op === 3 || op < 3) {
          const m = model[int(model.length)]!;
          expect(buffers.marks.delete(buffers.get("b")!, m.ns, m.id)).toBe(true);
          model = model.filter((x) => x !== m);
        } else if (op < 6) {
          const at = int(len + 1);
          const s = randomText();
          buffers.insert("b", at, s);
          insModel(model, at, s.length);
        } else if (op < 8) {
          const a = int(len + 1);
          const z = a + int(Math.min(6, len - a) + 1);
          buffers.deleteRange("b", a, z);
          delModel(model, a, z - a);
        } else {
          const a = int(len + 1);
          const z = a + int(Math.min(4, len - a) + 1);
          const s = randomText();
          buffers.replace("b", a, z, s);
          delModel(model, a, z - a);
          insModel(model, a, s.length);
        }
      };
      const check = (): void => {
        const b = buffers.get("b")!;
        const text = b.text;
        const got = buffers.marks.list(b, -1, { line: 0, col: 0 }, { line: 1e9, col: 0 }).map((m) => [m.ns, m.id, m.line, m.col, m.end?.line, m.end?.col]);
        const at = positions(text);
        const want = [...model].sort((x, y) => x.start - y.start || x.ns - y.ns || x.id - y.id).map((m) => {
          const s = at(m.start);
          const e = m.hasEnd ? at(m.end) : undefined;
          return [m.ns, m.id, s.line, s.col, e?.line, e?.col];
        });
        if (JSON.stringify(got) !== JSON.stringify(want)) expect(got).toEqual(want);
      };
      for (let i = 0; i < 3000; i++) {
        if (r() < 0.1) {
          // A transaction that fails: everything it did goes back.
          const text = buffers.getText("b");
          const saved = model.map((m) => ({ ...m }));
          tx.begin();
          for (let k = int(5) + 1; k > 0; k--) step();
          tx.rollback();
          model = saved;
          expect(buffers.getText("b")).toBe(text);
        } else {
          step();
        }
        check();
      }
    });
  }

  it("finds exactly the marks touching a line range (overlap query) after random edits", () => {
    const r = rng(7);
    const int = (n: number) => Math.floor(r() * n);
    const buffers = new BufferStore(new TransactionManager());
    buffers.setText("b", Array.from({ length: 40 }, (_, i) => `line ${i}`).join("\n"));
    const b = buffers.get("b")!;
    for (let i = 0; i < 300; i++) {
      const line = int(40);
      const end = r() < 0.5 ? { end: { line: Math.min(39, line + int(6)), col: int(5) } } : {};
      buffers.marks.set(b, 1, { line, col: int(6) }, end);
    }
    for (let i = 0; i < 200; i++) {
      const at = int(buffers.getText("b").length);
      if (r() < 0.5) buffers.insert("b", at, r() < 0.3 ? "\nx" : "yy");
      else buffers.deleteRange("b", at, at + int(8));
      const lines = buffers.getText("b").split("\n").length;
      const first = int(lines);
      const last = first + int(5);
      const all = buffers.marks.list(b, -1, { line: 0, col: 0 }, { line: 1e9, col: 0 });
      const want = all.filter((m) => (m.end ?? m).line >= first && m.line <= last).map((m) => m.id);
      expect(buffers.marks.inLines(b, first, last).map((m) => m.id)).toEqual(want);
    }
  });
});
