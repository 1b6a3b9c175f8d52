// Off the happy path (issue 15): one character streamed into a block that is big (an open code
// fence of 10 / 500 / 5,000 lines, a 500-row table, 100k characters of visible thinking, a 100k-
// character line without spaces, 200k characters of emoji/CJK/combining text, 5,000 lines of tool
// output), and page up deep in a 10,000-message session, then streaming while scrolled there.
// Prints one JSON line. Usage: node --expose-gc suites/offpath.mjs <framework> <scenario> [--quick]
import { createDriver } from "./drivers.mjs";
import { transcript } from "../lib/fixture.mjs";
import { SCENARIOS, streamUnits } from "../lib/offpath-fixture.mjs";
import { median, now, summarize } from "../lib/stats.mjs";

const [fw, scenario] = process.argv.slice(2);
const quick = process.argv.includes("--quick");
const BUDGET_MS = quick ? 600 : 2500;
const MAX = quick ? 40 : 300;
const MIN = quick ? 5 : 15;
const WARMUP = quick ? 5 : 20;

// Runs update(i) until MAX samples or the time budget (at least MIN samples); per-update ms and bytes.
// An update that takes seconds (pi-tui re-wrapping a 100k-character line) stops the warm-up at the
// budget and the samples at four budgets, with at least 3, so the suite ends.
function measure(d, update, warmup = WARMUP) {
  const w0 = now();
  let w = 0;
  for (; w < warmup && now() - w0 < BUDGET_MS; w++) update(w);
  const times = [];
  const bytes = [];
  const start = now();
  const enough = () => times.length >= MAX || (times.length >= MIN && now() - start >= BUDGET_MS) || (times.length >= 3 && now() - start >= 4 * BUDGET_MS);
  for (let i = 0; !enough(); i++) {
    const b0 = d.sink.bytes;
    const t0 = now();
    update(w + i);
    times.push(now() - t0);
    bytes.push(d.sink.bytes - b0);
  }
  const total = bytes.reduce((a, b) => a + b, 0);
  return { ms: summarize(times), bytes: { median: median(bytes), mean: Math.round((10 * total) / bytes.length) / 10 } };
}

const mb = (x) => Math.round((x / 1048576) * 10) / 10;
let out;
if (scenario === "scrollback") {
  // 10,000 messages; page up until ~2,000 blocks are below the view (the newest block stays the
  // streaming one), timing every page up; then stream while scrolled there.
  const t0 = now();
  const d = await createDriver(fw, transcript(10000));
  const setupMs = Math.round(now() - t0);
  globalThis.gc?.();
  const PAGES = quick ? 80 : 400;
  const times = [];
  for (let i = 0; i < PAGES; i++) {
    const s = now();
    d.keystroke("pageup");
    times.push(now() - s);
  }
  const pageUp = { ms: summarize(times), pages: PAGES, rows: d.scrollRows?.() ?? null };
  const units = streamUnits("renderer walks the visible rows of each window and paints them. ".repeat(20));
  const streamScrolled = measure(d, (i) => d.streamChar(units[i % units.length]));
  globalThis.gc?.();
  const m = process.memoryUsage();
  out = { framework: fw, scenario, setupMs, pageUp, streamScrolled, rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed) };
  d.close();
} else {
  const sc = SCENARIOS[scenario];
  if (!sc) throw new Error(`bench: unknown scenario: expected scrollback or one of ${Object.keys(SCENARIOS).join(", ")}, got ${scenario}`);
  const t0 = now();
  const d = await createDriver(fw, transcript(10), { stream: { kind: sc.kind, role: sc.role, text: sc.start, metadata: sc.metadata, keys: sc.keys, buffer: sc.buffer } });
  const setupMs = Math.round(now() - t0);
  globalThis.gc?.();
  const units = streamUnits(sc.stream);
  const stream = measure(d, (i) => d.streamChar(units[i % units.length]));
  const m = process.memoryUsage();
  out = { framework: fw, scenario, setupMs, stream, rssMB: mb(m.rss) };
  d.close();
}
process.stdout.write(JSON.stringify(out) + "\n");
process.exit(0);
