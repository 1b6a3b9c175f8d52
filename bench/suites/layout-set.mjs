// Issue 15: `layout.set` of a 50-window table on every key. One sample is the guarded layoutSet
// (what lua/api-layout.ts calls after reading the table) plus one frame: with the same table
// every time (a no-op) and with a table that differs each time (a rebuild and relayout). Prints JSON.
// Usage: node suites/layout-set.mjs [--quick]
import { createLibrecode } from "../drivers/librecode.mjs";
import { transcript } from "../lib/fixture.mjs";
import { now, summarize } from "../lib/stats.mjs";

const quick = process.argv.includes("--quick");
const N = quick ? 50 : 300;
const WARMUP = quick ? 10 : 50;

/** Transcript and composer plus a 48-pane grid: 50 windows. `gap` varies the table. */
function table(gap) {
  const panes = Array.from({ length: 6 }, (_, r) => ({
    direction: "row", height: 1, gap,
    children: Array.from({ length: 8 }, (_, c) => ({ window: `pane${r * 8 + c}`, grow: 1 })),
  }));
  return { direction: "column", children: [{ window: "transcript", grow: 1 }, ...panes, { window: "composer", height: "content", min_height: 3 }] };
}

async function scenario(changing) {
  const d = await createLibrecode(transcript(1000));
  d.rt.guard("host", "bench", () => d.rt.layoutSet(table(0)));
  d.frame();
  const ms = [];
  for (let i = 0; i < WARMUP + N; i++) {
    const t = table(changing ? i % 2 : 0);
    const t0 = now();
    d.rt.guard("ext", "layout.set", () => d.rt.layoutSet(t));
    d.frame();
    if (i >= WARMUP) ms.push(now() - t0);
  }
  if (d.rt.errors.length > 0) throw new Error(`bench: layout: errors: ${JSON.stringify(d.rt.errors.slice(0, 3))}`);
  d.close();
  return summarize(ms);
}

const results = { windows: 50, unchanged: await scenario(false), changed: await scenario(true) };
process.stdout.write(JSON.stringify(results) + "\n");
process.exit(0);
