// Issue 9: extmarks. (1) One printable key typed in the middle of a composer whose text holds
// 10,000 marks (an underline on every word, so the key shifts ~5,000 of them), against the same
// key and text without marks; plus the kernel's edit alone (BufferStore.insert, which moves the
// marks). (2) One frame of a full-screen text window showing 1,000 marks (highlights, eol,
// inline and right-aligned virtual text, on 40 visible lines), repainted after one mark changes.
// Prints JSON. Usage: node suites/marks.mjs [--quick]
import { createLibrecode } from "../drivers/librecode.mjs";
import { now, summarize } from "../lib/stats.mjs";

const quick = process.argv.includes("--quick");
const N = quick ? 300 : 3000;
const WARMUP = quick ? 100 : 500;
const WORDS = 10_000;

// The composer: WORDS words on lines of 10, the cursor in the middle, one mark per word.
function fillComposer(d, marks) {
  const rt = d.rt;
  const lines = [];
  for (let i = 0; i < WORDS / 10; i++) lines.push(Array.from({ length: 10 }, (_, k) => `w${(i * 10 + k) % 97}`).join(" "));
  const text = lines.join("\n");
  rt.guard("host", "bench", () => {
    rt.buffers.setText("composer", text);
    rt.buffers.setCursor("composer", Math.floor(text.length / 2));
    if (!marks) return;
    const ns = rt.namespaces.create("bench");
    const b = rt.buffers.get("composer");
    lines.forEach((l, line) => {
      for (const m of l.matchAll(/\S+/g)) rt.buffers.marks.set(b, ns, { line, col: m.index }, { end: { line, col: m.index + m[0].length }, hl: { underline: true } });
    });
  });
  d.frame();
}

function time(fn, reset) {
  for (let i = 0; i < WARMUP; i++) fn();
  const ms = [];
  for (let i = 0; i < N; i++) {
    if (i % 200 === 0) reset();
    const t0 = now();
    fn();
    ms.push(now() - t0);
  }
  reset();
  return summarize(ms);
}

async function typing(marks) {
  const d = await createLibrecode([]);
  fillComposer(d, marks);
  const rt = d.rt;
  const count = rt.buffers.get("composer").marks?.text.size ?? 0;
  const mid = () => Math.floor(rt.buffers.getText("composer").length / 2);
  // Typed keys are taken out again every 200 keys (not timed) so the text stays the same size.
  let typed = 0;
  const reset = () => rt.guard("host", "bench", () => {
    const at = rt.buffers.getCursor("composer");
    rt.buffers.deleteRange("composer", at - typed, at);
    typed = 0;
  });
  const key = () => { d.dispatch("y"); typed++; };
  const dispatch = time(key, reset);
  const withFrame = time(() => { key(); d.frame(); }, reset);
  const kernelEdit = time(() => { rt.guard("host", "bench", () => rt.buffers.insert("composer", mid(), "y")); typed = 0; }, () => {});
  d.close();
  return { marks: count, dispatch, withFrame, kernelInsert: kernelEdit };
}

async function frame(withMarks) {
  const d = await createLibrecode([]);
  const rt = d.rt;
  const lines = Array.from({ length: 200 }, (_, i) => Array.from({ length: 20 }, (_, k) => `t${(i + k) % 10}x`).join(" "));
  let ns = 0;
  rt.guard("host", "bench", () => {
    rt.windows.create("notes", { role: "notes", buffer: "notes" });
    rt.layoutSet({ direction: "column", children: [{ window: "notes", grow: 1 }, { window: "composer", height: 3 }] });
    rt.buffers.setText("notes", lines.join("\n"));
    ns = rt.namespaces.create("bench");
    const b = rt.buffers.get("notes");
    if (!withMarks) return;
    // 25 marks on each of the first 40 lines (the visible ones): 20 highlights, 3 eol texts,
    // 1 inline text, 1 right-aligned text; and 25 on every other line, never asked for.
    for (let line = 0; line < lines.length; line++) {
      for (let k = 0; k < 20; k++) rt.buffers.marks.set(b, ns, { line, col: k * 5 }, { end: { line, col: k * 5 + 3 }, hl: { fg: k % 2 ? "accent" : "warning", underline: k % 3 === 0 } });
      for (let k = 0; k < 3; k++) rt.buffers.marks.set(b, ns, { line, col: 99 }, { virtText: [{ text: `e${k}`, style: { fg: "muted" } }] });
      rt.buffers.marks.set(b, ns, { line, col: 10 }, { virtText: [{ text: "»" }], virtTextPos: "inline" });
      rt.buffers.marks.set(b, ns, { line, col: 0 }, { virtText: [{ text: "R" }], virtTextPos: "right_align" });
    }
  });
  d.frame();
  const notes = rt.windows.get("notes").box.content;
  const b = rt.buffers.get("notes");
  const visible = rt.buffers.marks.inLines(b, 0, notes.height - 1).length;
  // Each frame follows one changed mark (the same id set again), so the window repaints whole.
  let flip = 0;
  // Without marks, a buffer variable changes instead: the same whole-window repaint, no marks.
  const step = () => {
    if (withMarks) rt.guard("host", "bench", () => rt.buffers.marks.set(b, ns, { line: 0, col: 0 }, { id: 1, end: { line: 0, col: 3 }, hl: { fg: flip++ % 2 ? "accent" : "error" } }));
    else rt.guard("host", "bench", () => rt.buffers.setVar("notes", "flip", flip++));
    d.frame();
  };
  const result = time(step, () => {});
  d.close();
  return { window: `${notes.width}x${notes.height}`, marksVisible: visible, marksTotal: b.marks?.text.size ?? 0, frame: result };
}

const withMarks = await typing(true);
const without = await typing(false);
const frameWith = await frame(true);
const frameWithout = await frame(false);
process.stdout.write(JSON.stringify({ keys: N, composer: { withMarks, without }, frame: { withMarks: frameWith, without: frameWithout } }) + "\n");
process.exit(0);
