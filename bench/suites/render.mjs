// One framework, one history size: time per streamed character and per composer keystroke
// (update + one frame + flush into the counting sink), and the bytes each writes. Prints JSON.
// Usage: node suites/render.mjs <librecode|pi-tui|ink> <messages> [--quick]
import { createDriver } from "./drivers.mjs";
import { STREAM_TEXT, transcript } from "../lib/fixture.mjs";
import { median, now, summarize } from "../lib/stats.mjs";

const [fw, nArg] = process.argv.slice(2);
const quick = process.argv.includes("--quick");
const n = Number(nArg);
const BUDGET_MS = quick ? 800 : 3000;
const MAX = quick ? 60 : 400;
const MIN = quick ? 10 : 25;
const WARMUP = quick ? 10 : 40;

// Runs update(i) until MAX samples or the time budget (at least MIN samples); per-update ms and bytes.
function measure(d, update) {
  for (let i = 0; i < WARMUP; i++) update(i);
  const times = [];
  const bytes = [];
  const start = now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; times.length < MAX && (times.length < MIN || now() - start < BUDGET_MS); i++) {
    const b0 = d.sink.bytes;
    const t0 = now();
    update(WARMUP + i);
    times.push(now() - t0);
    bytes.push(d.sink.bytes - b0);
  }
  const cpu = process.cpuUsage(cpu0);
  const total = bytes.reduce((a, b) => a + b, 0);
  // CPU time (user + system, all threads incl. GC) per update: less sensitive to a busy machine.
  const cpuMs = Math.round(((cpu.user + cpu.system) / 1000 / times.length) * 1000) / 1000;
  return { ms: summarize(times), cpuMs, bytes: { median: median(bytes), mean: Math.round((10 * total) / bytes.length) / 10 } };
}

const t0 = now();
const d = await createDriver(fw, transcript(n));
const setupMs = Math.round(now() - t0);
// Setup garbage is collected before timing, so no framework pays for its loading in the samples.
globalThis.gc?.();
const stream = measure(d, (i) => d.streamChar(STREAM_TEXT[i % STREAM_TEXT.length]));
globalThis.gc?.();
const key = measure(d, (i) => d.keystroke("abcdefghijklmnopqrstuvwxyz"[i % 26]));
d.close();
process.stdout.write(JSON.stringify({ framework: fw, messages: n, setupMs, stream, key }) + "\n");
process.exit(0);
