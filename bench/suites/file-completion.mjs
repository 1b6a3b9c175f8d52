// '@' file completion in a big project: a temp tree of 20,000 listed paths (packages of deep
// feature folders, up to 9 levels) plus what .gitignore files hide (node_modules, dist, logs, a
// nested generated/ folder), driven through the stock chat from dist/ exactly as a user types:
// each sample is one key's dispatch (the composer edit, then the completion refresh after the
// commit) plus one frame and its flush. Measured: the first walk (cold: '@' typed until the paths
// are listed), the first query right after it (and, in a second chat, after a 300 ms pause), then
// warm keys typing and backspacing realistic queries, listing keys ('@', '@dir/'), and the keys
// around the refresh walk 10 s later. Prints one JSON line.
// Usage: node bench/suites/file-completion.mjs [--quick]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildTree } from "../lib/file-tree.mjs";
import { HEIGHT, WIDTH } from "../lib/fixture.mjs";
import { CountingSink } from "../lib/sink.mjs";
import { now, summarize } from "../lib/stats.mjs";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const dist = (p) => import(pathToFileURL(path.join(ROOT, "dist", p)).href);
const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 2 : 8;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "librecode-bench-files-"));
fs.mkdirSync(path.join(dir, "home"));
process.env.LIBRECODE_HOME = path.join(dir, "home");
process.env.XDG_CONFIG_HOME = path.join(dir, "home");
const project = path.join(dir, "project");
const t0 = now();
const tree = buildTree(project);
const treeMs = Math.round(now() - t0);

// A clock the suite moves (the index walks again when asked for 10 s after its last walk).
let clockMs = Date.now();
const clock = { now: () => clockMs, setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h) };
const { createApp } = await dist("bin/create-app.js");
const { Screen } = await dist("ui/screen.js");
const { keyEventFromName } = await dist("engine/kernel/key-notation.js");
const app = await createApp({ width: WIDTH, height: HEIGHT, cwd: project, extensions: false, resolveModel: false, clock });
const rt = app.runtime;
const chat = app.chat;
const sink = new CountingSink(WIDTH, HEIGHT);
const screen = new Screen(WIDTH, HEIGHT);
const frame = () => {
  const out = app.painter.paint(screen.back);
  const bytes = screen.flush(out?.cursor ?? null);
  if (bytes !== "") sink.write(bytes);
};
const events = new Map();
const key = (name) => {
  let ev = events.get(name);
  if (!ev) events.set(name, (ev = keyEventFromName(name)));
  rt.dispatchKey(ev);
};
// CPU ms (user + system) of the timed keys, by kind: steadier than wall time on a busy machine.
const cpu = { type: 0, backspace: 0, list: 0 };
let cpuKind = "";
const timed = (name) => {
  const c = process.cpuUsage();
  const s = now();
  key(name);
  frame();
  const ms = now() - s;
  if (cpuKind !== "") {
    const d = process.cpuUsage(c);
    cpu[cpuKind] += (d.user + d.system) / 1000;
  }
  return ms;
};
const menu = () => chat.completion()?.items ?? [];
frame();

// Cold: '@' starts the first walk; it ends when the paths are listed (the menu refreshes then).
const coldStart = now();
const coldCpu = process.cpuUsage();
key("@");
await chat.files.settled();
frame();
const coldWalkMs = now() - coldStart;
const coldCpuMs = ((d) => (d.user + d.system) / 1000)(process.cpuUsage(coldCpu));
const paths = chat.files.list()?.length ?? 0;
const firstQueryMs = timed("b");
if (menu().length === 0) throw new Error("bench: file completion: no menu after '@b'");
timed("backspace");

// Warm: realistic queries typed one key at a time after '@', then taken back with backspace.
const QUERIES = ["button", "pkg-07/src/dia", "storetest", "widget-3/layout", "router-1.tsx", "sessn", "zzzq"];
const typing = [];
const backspacing = [];
const listing = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const q of QUERIES) {
    cpuKind = "type";
    for (const ch of q) typing.push(timed(ch));
    cpuKind = "backspace";
    for (let k = 0; k < q.length; k++) backspacing.push(timed("backspace"));
    cpuKind = "";
  }
  // Listing keys: '@' alone (the top level) and '@dir/' (one folder's entries).
  timed("backspace");
  cpuKind = "list";
  listing.push(timed("@"));
  cpuKind = "";
  for (const ch of "packages") timed(ch);
  cpuKind = "list";
  listing.push(timed("/"));
  cpuKind = "";
  for (let k = 0; k < "packages/".length; k++) timed("backspace");
}

// The refresh: 10 s later the next key walks again in the background; the key after it lands.
clockMs += 11_000;
const staleKeyMs = timed("p");
const rewalkStart = now();
await chat.files.settled();
frame();
const rewalkMs = now() - rewalkStart;
const afterRewalkMs = timed("k");

// A fresh chat on the same tree (its own list, so its own fuzzy index), given the pause a person
// takes between the menu appearing and the next key: the index is built in the background by then.
const again = await createApp({ width: WIDTH, height: HEIGHT, cwd: project, extensions: false, resolveModel: false });
again.runtime.dispatchKey(keyEventFromName("@"));
await again.chat.files.settled();
await new Promise((r) => setTimeout(r, 300));
const q0 = now();
again.runtime.dispatchKey(keyEventFromName("b"));
const firstQueryAfterPauseMs = now() - q0;

if (rt.errors.length > 0) throw new Error(`bench: file completion: errors: ${JSON.stringify(rt.errors.slice(0, 3))}`);
const r3 = (x) => Math.round(x * 1000) / 1000;
const m = process.memoryUsage();
process.stdout.write(`${JSON.stringify({
  tree: { ...tree, indexed: paths, buildMs: treeMs },
  coldWalkMs: r3(coldWalkMs), coldWalkCpuMs: r3(coldCpuMs), firstQueryMs: r3(firstQueryMs), firstQueryAfterPauseMs: r3(firstQueryAfterPauseMs),
  type: summarize(typing), backspace: summarize(backspacing), list: summarize(listing),
  cpuMsPerKey: { type: r3(cpu.type / typing.length), backspace: r3(cpu.backspace / backspacing.length), list: r3(cpu.list / listing.length) },
  staleKeyMs: r3(staleKeyMs), rewalkMs: r3(rewalkMs), afterRewalkMs: r3(afterRewalkMs),
  rssMB: Math.round((m.rss / 1048576) * 10) / 10,
})}\n`);
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
