// One framework, one history size: time per streamed character and per composer keystroke
// (update + one frame + flush into the counting sink), and the bytes each writes. Prints JSON.
// Usage: node suites/render.mjs <librecode|pi-tui|ink> <messages> [--quick]
import { createDriver } from "./drivers.mjs";
import { COMPOSER_START, HEIGHT, STREAM_START, STREAM_TEXT, WIDTH, transcript } from "../lib/fixture.mjs";
import { CountingSink } from "../lib/sink.mjs";
import { median, now, summarize } from "../lib/stats.mjs";

const [fw, nArg] = process.argv.slice(2);
const quick = process.argv.includes("--quick");
const n = Number(nArg);
const BUDGET_MS = quick ? 800 : 3000;
const MAX = quick ? 60 : 400;
const MIN = quick ? 10 : 25;
const WARMUP = quick ? 10 : 40;

// Replaying big first frames (pi-tui writes the whole history) would cost more than the run.
const CHECK_MAX_MESSAGES = 1000;

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
  d.updates = (d.updates ?? 0) + WARMUP + times.length;
  // CPU time (user + system, all threads incl. GC) per update: less sensitive to a busy machine.
  const cpuMs = Math.round(((cpu.user + cpu.system) / 1000 / times.length) * 1000) / 1000;
  return { ms: summarize(times), cpuMs, bytes: { median: median(bytes), mean: Math.round((10 * total) / bytes.length) / 10 } };
}

CountingSink.record = n <= CHECK_MAX_MESSAGES;
const t0 = now();
const d = await createDriver(fw, transcript(n));
const setupMs = Math.round(now() - t0);
// Setup garbage is collected before timing, so no framework pays for its loading in the samples.
globalThis.gc?.();
const stream = measure(d, (i) => d.streamChar(STREAM_TEXT[i % STREAM_TEXT.length]));
const streamed = d.updates;
globalThis.gc?.();
const KEYS = "abcdefghijklmnopqrstuvwxyz";
const key = measure(d, (i) => d.keystroke(KEYS[i % 26]));
const typed = d.updates - streamed;
const screen = d.sink.chunks ? await screenCheck(d.sink.chunks, streamed, typed) : undefined;
d.close();
process.stdout.write(JSON.stringify({ framework: fw, messages: n, setupMs, stream, key, ...(screen ? { screen } : {}) }) + "\n");

// Replays everything written into a 120x40 terminal emulator (newlines as a TTY's onlcr turns
// them) and checks that the screen shows what every framework must: the end of the streamed
// text and of the composer. Guards the comparison against a driver that draws something else.
async function screenCheck(chunks, nStreamed, nTyped) {
  const { default: xterm } = await import("@xterm/headless");
  const term = new xterm.Terminal({ cols: WIDTH, rows: HEIGHT, scrollback: 0, convertEol: true, allowProposedApi: true });
  for (const c of chunks) await new Promise((resolve) => term.write(c, resolve));
  const buf = term.buffer.active;
  const rows = [];
  for (let y = 0; y < HEIGHT; y++) rows.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? "");
  let text = "";
  for (let i = 0; i < nStreamed; i++) text += STREAM_TEXT[i % STREAM_TEXT.length];
  const words = (STREAM_START + text).split(/\s+/).filter((w) => w.length >= 4);
  const lastWord = words[words.length - 2] ?? "";
  let typed = "";
  for (let i = 0; i < nTyped; i++) typed += KEYS[i % 26];
  const composerTail = (COMPOSER_START + typed).slice(-8);
  const screenText = rows.join("\n");
  term.dispose();
  return { ok: screenText.includes(lastWord) && screenText.includes(composerTail), lastWord, composerTail };
}
process.exit(0);
