// Issue 15: a key in a composer holding 1 MB of text, with the cursor in the middle: one
// printable key (ASCII text, accented text), one backspace, and 100 held keys (what one terminal
// read delivers when a key is held: every key dispatched, then one frame). Each sample is the
// dispatch plus one frame and its flush, as bin/interactive-app does. librecode against pi-tui's
// Editor holding the same text, and Ink with the text and cursor in the app's state (Ink has no
// editor: a key splices the string, the composer shows the lines around the cursor; see
// drivers/ink.mjs). Prints JSON. Usage: node suites/composer.mjs [librecode|pi-tui|ink ...] [--quick]
import { createDriver } from "./drivers.mjs";
import { transcript } from "../lib/fixture.mjs";
import { now, summarize } from "../lib/stats.mjs";

const quick = process.argv.includes("--quick");
const N = quick ? 40 : 200;
const WARMUP = quick ? 10 : 40;
// A framework whose key costs seconds (pi-tui re-wraps the whole text per frame) stops at the
// time budget once it has MIN samples.
const BUDGET_MS = quick ? 3000 : 8000;
const MIN = 3;
const MB = 1 << 20;
const named = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const FRAMEWORKS = named.length > 0 ? named : ["librecode", "pi-tui"];

/** About 1 MB of prose in lines of 60-100 characters, built from `words`. */
function megabyte(words) {
  const lines = [];
  let size = 0;
  for (let i = 0; size < MB; i++) {
    const n = 10 + (i % 7);
    const line = Array.from({ length: n }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(" ");
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
}

const ASCII = megabyte(["the", "frame", "scheduler", "coalesces", "requests", "so", "a", "burst", "of", "deltas", "costs", "one", "frame"]);
const ACCENTED = megabyte(["café", "déjà", "vu", "naïve", "résumé", "über", "façade", "crème", "brûlée", "señor", "jalapeño", "Ærø", "smörgåsbord"]);
// pi-tui's Editor reads raw terminal input: a key is its bytes.
const PI_KEYS = { backspace: "\x7f" };

/** The composer of framework fw: set(text) with the cursor in the middle, key(name), length(). */
async function composer(fw) {
  const d = await createDriver(fw, transcript(10));
  if (fw === "librecode") {
    return {
      d,
      set: (text) => d.rt.guard("host", "bench", () => {
        d.rt.buffers.setText("composer", text);
        d.rt.buffers.setCursor("composer", Math.floor(text.length / 2));
      }),
      key: (name) => d.dispatch(name),
      length: () => d.rt.buffers.getLength("composer"),
      check: () => { if (d.rt.errors.length > 0) throw new Error(`bench: composer: errors: ${JSON.stringify(d.rt.errors.slice(0, 3))}`); },
    };
  }
  if (fw === "ink") {
    return {
      d,
      set: (text) => d.setComposer(text, Math.floor(text.length / 2)),
      key: (name) => d.composerKey(name),
      length: () => d.composerLength(),
      check: () => {},
    };
  }
  const ed = d.editor;
  return {
    d,
    set: (text) => {
      ed.setText(text);
      // The middle line, at its start (the Editor keeps lines and a line/column cursor).
      ed.state.cursorLine = Math.floor(ed.state.lines.length / 2);
      ed.state.cursorCol = 0;
    },
    key: (name) => ed.handleInput(PI_KEYS[name] ?? name),
    length: () => ed.getText().length,
    check: () => {},
  };
}

async function scenario(fw, text, keys, perSample) {
  const c = await composer(fw);
  c.set(text);
  c.d.frame();
  const ms = [];
  const start = now();
  for (let i = 0; i < WARMUP + N; i++) {
    // Backspace eats the text around the cursor: start over now and then (not timed).
    if (i % 100 === 0 && i > 0) { c.set(text); c.d.frame(); }
    const t0 = now();
    for (let k = 0; k < perSample; k++) c.key(keys[k % keys.length]);
    c.d.frame();
    if (i >= WARMUP || now() - start > BUDGET_MS) ms.push(now() - t0);
    if (ms.length >= MIN && now() - start > BUDGET_MS) break;
  }
  c.check();
  const length = c.length();
  c.d.close();
  return { composerChars: length, ms: summarize(ms) };
}

const results = { bytes: { ascii: Buffer.byteLength(ASCII), accented: Buffer.byteLength(ACCENTED) } };
for (const fw of FRAMEWORKS) {
  results[fw] = {
    keyAscii: await scenario(fw, ASCII, ["x"], 1),
    keyAccented: await scenario(fw, ACCENTED, ["é"], 1),
    backspace: await scenario(fw, ASCII, ["backspace"], 1),
    held100: await scenario(fw, ASCII, ["x", "y", "z"], 100),
  };
}
// Earlier runs reported librecode's numbers at the top level: kept so they compare.
Object.assign(results, results.librecode ?? {});
process.stdout.write(JSON.stringify(results) + "\n");
process.exit(0);
