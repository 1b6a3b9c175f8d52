// The goals the results are judged against, and the README section that shows them.
import fs from "node:fs";
import { transcript } from "./fixture.mjs";

const get = (o, ...keys) => keys.reduce((v, k) => (v == null ? undefined : v[k]), o);
const fmt = (x, d = 3) => (typeof x === "number" && Number.isFinite(x) ? String(Math.round(x * 10 ** d) / 10 ** d) : "n/a");

/** UTF-16 bytes of the 10,000-message transcript's text minus the 10-message one's: the data itself. */
function transcriptGrowthMB() {
  const size = (n) => transcript(n).reduce((a, m) => a + m.text.length * 2, 0);
  return (size(10000) - size(10)) / 1048576;
}

/** Each goal with the measured value and whether it is met (null: not measured). */
export function evaluateGoals(r) {
  const s = (fw, n) => get(r, "render", fw, n, "stream");
  const goals = [];
  const add = (id, goal, value, met) => goals.push({ id, goal, value, met: value === undefined || value === null ? null : met });
  const sizes = [10, 1000, 10000];
  const ratios = sizes.map((n) => (s("librecode", n) && s("pi-tui", n) ? s("pi-tui", n).ms.median / s("librecode", n).ms.median : undefined));
  add("stream-vs-pi-tui", "faster than pi-tui at every history size (median per streamed character)",
    ratios.every((x) => x !== undefined) ? ratios.map((x) => `${fmt(x, 1)}x`).join(" / ") : undefined, ratios.every((x) => x > 1));
  const at10k = get(s("librecode", 10000), "ms", "median");
  add("stream-10k", "<= 0.15 ms per streamed character at 10,000 messages (median)", at10k, at10k <= 0.15);
  const at10 = get(s("librecode", 10), "ms", "median");
  const flat = at10 !== undefined && at10k !== undefined ? at10k / at10 : undefined;
  add("stream-flat", "flat in history length (median at 10,000 <= 1.5x median at 10)", flat === undefined ? undefined : `${fmt(flat, 2)}x`, flat <= 1.5);
  const bytes = sizes.map((n) => get(s("librecode", n), "bytes", "mean")).filter((x) => x !== undefined);
  const worstBytes = bytes.length === sizes.length ? Math.max(...bytes) : undefined;
  add("stream-bytes", "< 40 bytes per streamed character (mean, worst history size)", worstBytes, worstBytes < 40);
  const cold = get(r, "coldStart", "librecode", "ms", "median");
  add("first-frame", "first frame of bin/librecode < 150 ms (median, spawn to frame bytes)", cold, cold < 150);
  const h10 = get(r, "memory", "librecode", 10, "heapUsedMB");
  const h10k = get(r, "memory", "librecode", 10000, "heapUsedMB");
  const growth = h10 !== undefined && h10k !== undefined ? h10k - h10 : undefined;
  const data = transcriptGrowthMB();
  add("memory-flat", `memory flat in history length (heap growth 10 -> 10,000 messages <= 2x the added text, ${fmt(data, 1)} MB)`,
    growth === undefined ? undefined : `+${fmt(growth, 1)} MB`, growth <= 2 * data);
  const luaMs = get(r, "luaKey", "lua", "luaPart", "median");
  const lua = luaMs === undefined ? undefined : Math.round(luaMs * 10000) / 10;
  add("lua-key", "Lua keymap part of one key < 50 µs (median µs, 1,000 messages loaded)", lua, lua < 50);
  return goals;
}

function renderTable(r) {
  const fws = ["librecode", "pi-tui", "ink"];
  const rows = ["| framework | messages | stream median ms | stream p95 ms | stream CPU ms | stream bytes (mean) | key median ms | key p95 ms | key bytes |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"];
  for (const fw of fws) {
    for (const n of [10, 1000, 10000]) {
      const x = get(r, "render", fw, n);
      if (!x || x.error || !x.stream || !x.key) {
        rows.push(`| ${fw} | ${n} | error: ${x?.error ?? "not run"} | | | | | | |`);
        continue;
      }
      rows.push(`| ${fw} | ${n.toLocaleString("en")} | ${fmt(x.stream.ms.median)} | ${fmt(x.stream.ms.p95)} | ${fmt(x.stream.cpuMs)} | ${fmt(x.stream.bytes.mean, 1)} | ${fmt(x.key.ms.median)} | ${fmt(x.key.ms.p95)} | ${fmt(x.key.bytes.mean, 1)} |`);
    }
  }
  return rows.join("\n");
}

function memoryTable(r) {
  const rows = ["| framework | heap used, 10 msgs | heap used, 10,000 msgs | RSS, 10 msgs | RSS, 10,000 msgs |", "| --- | ---: | ---: | ---: | ---: |"];
  for (const fw of ["librecode", "pi-tui", "ink"]) {
    const m = (n, k) => fmt(get(r, "memory", fw, n, k), 1);
    rows.push(`| ${fw} | ${m(10, "heapUsedMB")} MB | ${m(10000, "heapUsedMB")} MB | ${m(10, "rssMB")} MB | ${m(10000, "rssMB")} MB |`);
  }
  return rows.join("\n");
}

function coldTable(r) {
  const c = r.coldStart ?? {};
  const row = (name, k) => {
    const x = c[k];
    if (!x) return `| ${name} | not run | | |`;
    if (x.error) return `| ${name} | error: ${x.error} | | |`;
    return `| ${name} | ${fmt(x.ms.median, 1)} | ${fmt(x.ms.min, 1)} | ${fmt(x.ms.max, 1)} |`;
  };
  return ["| command | median ms | min ms | max ms |", "| --- | ---: | ---: | ---: |",
    row("pty wrapper alone (`script` + `stty`, runs `true`)", "ptyWrapper"), row("`node -e 0` (to exit)", "nodeBare"),
    row("Ink hello world (to its text)", "inkHello"), row("`bin/librecode` (to the end of frame 1)", "librecode")].join("\n");
}

function importsTable(r) {
  const im = get(r, "coldStart", "imports");
  if (!im) return "";
  const rows = Object.entries(im).filter(([k]) => k !== "baseMs").sort((a, b) => (Number(b[1]) || 0) - (Number(a[1]) || 0));
  return ["", `Import cost of single modules (a fresh \`node\` importing only that module, minus one importing nothing: ${im.baseMs} ms):`, "",
    "| module | ms |", "| --- | ---: |", ...rows.map(([k, v]) => `| \`${k}\` | ${v} |`)].join("\n");
}

function luaTable(r) {
  const l = r.luaKey;
  if (!l || l.error) return `error: ${l?.error ?? "not run"}`;
  const us = (...keys) => fmt(get(l, ...keys) * 1000, 1);
  const row = (name, ...keys) => `| ${name} | ${us(...keys, "median")} | ${us(...keys, "p95")} |`;
  return ["| with 1,000 messages | median µs | p95 µs |", "| --- | ---: | ---: |",
    row("stock composer key, dispatch only (no extension)", "noExtension", "dispatch"),
    row("stock composer key + frame + flush", "noExtension", "withFrame"),
    row("Lua keymap key, dispatch only", "lua", "dispatch"),
    row("Lua keymap key + frame + flush", "lua", "withFrame"),
    row("the Lua part alone (the extension's guarded time per key)", "lua", "luaPart")].join("\n");
}

/** The results section of bench/README.md (between the markers). */
export function resultsMarkdown(out) {
  const r = out.results;
  const goals = out.goals.map((g) => `| ${g.goal} | ${g.value ?? "n/a"} | ${g.met === null ? "not measured" : g.met ? "met" : "**missed**"} |`);
  return [
    `Latest run: ${out.date.slice(0, 16).replace("T", " ")} UTC, ${out.machine.cpu} (${out.machine.cores} cores, ${out.machine.memGB} GB, load ${out.machine.loadavg.join(" ")}), Node ${out.node}, `
      + `ink ${out.versions.ink} + react ${out.versions.react}, pi-tui ${out.versions["pi-tui"]}, screen ${out.screen}, ${out.durationS} s.`,
    "",
    "### Goals", "", "| goal | measured | |", "| --- | --- | --- |", ...goals, "",
    "### Streaming one character and typing one key (update + one frame + flush)", "", renderTable(r), "",
    "### Memory after a full GC (transcript loaded, first frame drawn)", "", memoryTable(r), "",
    "### Cold start to the first frame (pty, 120x40)", "", coldTable(r), importsTable(r), "",
    "### One key through a Lua keymap", "", luaTable(r),
  ].join("\n");
}

/** Replaces the results section of the README with this run's. */
export function writeReadme(file, out) {
  const start = "<!-- results:start -->";
  const end = "<!-- results:end -->";
  const text = fs.readFileSync(file, "utf8");
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`bench: ${file}: expected the ${start} ... ${end} markers`);
  fs.writeFileSync(file, text.slice(0, a + start.length) + "\n" + resultsMarkdown(out) + "\n" + text.slice(b));
}
