// Issue 15: a key in a composer holding 1 MB of text, with the cursor in the middle: one
// printable key (ASCII text, accented text), one backspace, and 100 held keys (what one terminal
// read delivers when a key is held: every key dispatched, then one frame). Each sample is the
// dispatch plus one frame and its flush, as bin/interactive-app does. Prints JSON.
// Usage: node suites/composer.mjs [--quick]
import { createLibrecode } from "../drivers/librecode.mjs";
import { transcript } from "../lib/fixture.mjs";
import { now, summarize } from "../lib/stats.mjs";

const quick = process.argv.includes("--quick");
const N = quick ? 40 : 200;
const WARMUP = quick ? 10 : 40;
const MB = 1 << 20;

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

async function scenario(text, keys, perSample) {
  const d = await createLibrecode(transcript(10));
  const set = () => d.rt.guard("host", "bench", () => {
    d.rt.buffers.setText("composer", text);
    d.rt.buffers.setCursor("composer", Math.floor(text.length / 2));
  });
  set();
  d.frame();
  const ms = [];
  for (let i = 0; i < WARMUP + N; i++) {
    // Backspace eats the text around the cursor: start over now and then (not timed).
    if (i % 100 === 0 && i > 0) { set(); d.frame(); }
    const t0 = now();
    for (let k = 0; k < perSample; k++) d.dispatch(keys[k % keys.length]);
    d.frame();
    if (i >= WARMUP) ms.push(now() - t0);
  }
  if (d.rt.errors.length > 0) throw new Error(`bench: composer: errors: ${JSON.stringify(d.rt.errors.slice(0, 3))}`);
  const length = d.rt.buffers.getLength("composer");
  d.close();
  return { composerChars: length, ms: summarize(ms) };
}

const results = {
  bytes: { ascii: Buffer.byteLength(ASCII), accented: Buffer.byteLength(ACCENTED) },
  keyAscii: await scenario(ASCII, ["x"], 1),
  keyAccented: await scenario(ACCENTED, ["é"], 1),
  backspace: await scenario(ASCII, ["backspace"], 1),
  held100: await scenario(ASCII, ["x", "y", "z"], 100),
};
process.stdout.write(JSON.stringify(results) + "\n");
process.exit(0);
