#!/usr/bin/env node
// `npm run bench`: librecode against Ink 6.8 and pi-tui on the same 120x40 chat screen. Each
// measurement runs in its own child process (no shared JIT or heap state); the combined results
// are printed as one JSON object and written into bench/README.md as a table.
// Flags: --quick (fewer samples, for a smoke run), --no-readme (do not rewrite the README),
//        --only=stream,memory,cold,lua,offpath,files,marks (a subset; marks runs only when named), --frameworks=librecode (render/memory for some only).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { evaluateGoals, writeReadme } from "./lib/report.mjs";
import { evaluateOffpath, OFFPATH_LABELS, writeOffpathReadme } from "./lib/report-offpath.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = (args.find((a) => a.startsWith("--only="))?.slice(7).split(",")) ?? ["stream", "memory", "cold", "lua", "edit", "offpath", "files"];
const log = (s) => process.stderr.write(`bench: ${s}\n`);

function ensureInstalled() {
  if (!fs.existsSync(path.join(HERE, "node_modules", "ink"))) {
    log("installing the competitors (npm ci --prefix bench)");
    execFileSync("npm", ["ci", "--prefix", HERE, "--no-audit", "--no-fund"], { stdio: ["ignore", 2, 2] });
  }
  if (!fs.existsSync(path.join(ROOT, "dist", "bin", "main.js"))) {
    log("building librecode (npm run build)");
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  }
}

// Children see no CI variable (Ink writes nothing per frame in CI) and React's production build.
const childEnv = { ...process.env, NODE_ENV: "production" };
delete childEnv.CI;
delete childEnv.CONTINUOUS_INTEGRATION;

// Runs one suite; a failure is retried once (dist/ may be mid-rebuild in a shared checkout). A
// suite still running after LIMIT_S is stopped and reported as `{timedOutS}` (a result, not an
// error: pi-tui re-wrapping 200k characters of emoji per update does not finish in that time),
// without a retry.
const LIMIT_S = 120;
function child(script, scriptArgs, nodeFlags = [], retry = true) {
  const r = spawnSync(process.execPath, [...nodeFlags, path.join(HERE, script), ...scriptArgs, ...(quick ? ["--quick"] : [])], {
    cwd: ROOT, env: childEnv, encoding: "utf8", maxBuffer: 16 << 20, timeout: LIMIT_S * 1000,
  });
  if (r.error?.code === "ETIMEDOUT") {
    log(`${script} ${scriptArgs.join(" ")}: exceeded the ${LIMIT_S} s limit of one run`);
    return { timedOutS: LIMIT_S };
  }
  const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith("{"));
  if (r.status !== 0 || !line) {
    const why = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split("\n").slice(-3).join(" | ");
    log(`${script} ${scriptArgs.join(" ")}: failed: ${why}${retry ? " (retrying)" : ""}`);
    return retry ? child(script, scriptArgs, nodeFlags, false) : { error: why };
  }
  return JSON.parse(line);
}

const FRAMEWORKS = args.find((a) => a.startsWith("--frameworks="))?.slice(13).split(",") ?? ["librecode", "pi-tui", "ink"];
const SIZES = [10, 1000, 10000];

ensureInstalled();
const started = Date.now();
const results = {};
if (only.includes("stream")) {
  results.render = {};
  for (const fw of FRAMEWORKS) {
    results.render[fw] = {};
    for (const n of SIZES) {
      log(`render: ${fw} with ${n} messages`);
      const r = child("suites/render.mjs", [fw, String(n)], ["--expose-gc"]);
      if (r.screen && !r.screen.ok) log(`render: ${fw} with ${n} messages: the screen does not show the streamed text and the composer`);
      results.render[fw][n] = r.error ? r : { setupMs: r.setupMs, stream: r.stream, key: r.key, ...(r.screen ? { screenOk: r.screen.ok } : {}) };
    }
  }
}
if (only.includes("memory")) {
  results.memory = {};
  for (const fw of FRAMEWORKS) {
    results.memory[fw] = {};
    for (const n of [10, 10000]) {
      log(`memory: ${fw} with ${n} messages`);
      const r = child("suites/memory.mjs", [fw, String(n)], ["--expose-gc"]);
      results.memory[fw][n] = r.error ? r : { heapUsedMB: r.heapUsedMB, rssMB: r.rssMB };
    }
  }
}
if (only.includes("cold")) {
  log("cold start under a pty");
  results.coldStart = child("suites/cold-start.mjs", []);
}
if (only.includes("offpath")) {
  // Off the happy path (issue 15): big streaming blocks (all three; Ink's messages are raw text)
  // and deep scrollback (librecode). Ink's 200k emoji/CJK run is not started: its first frame
  // alone took ~500 s, and Ink's exit handler holds off the timeout's SIGTERM until it ends.
  results.offpath = {};
  for (const fw of FRAMEWORKS) {
    results.offpath[fw] = {};
    for (const sc of [...Object.keys(OFFPATH_LABELS), ...(fw === "librecode" ? ["scrollback"] : [])]) {
      if (fw === "ink" && sc === "unicode-200k") continue;
      log(`offpath: ${fw} ${sc}`);
      results.offpath[fw][sc] = child("suites/offpath.mjs", [fw, sc], ["--expose-gc"]);
    }
  }
}
if (only.includes("lua")) {
  log("lua keymap");
  results.luaKey = child("suites/lua-key.mjs", []);
}
if (only.includes("marks")) {
  log("extmarks");
  results.marks = child("suites/marks.mjs", []);
}
if (only.includes("edit")) {
  log("composer holding 1 MB; layout.set of 50 windows");
  results.composer = child("suites/composer.mjs", FRAMEWORKS);
  results.layoutSet = child("suites/layout-set.mjs", []);
}
if (only.includes("files")) {
  log("@ file completion over 20,000 paths");
  results.fileCompletion = child("suites/file-completion.mjs", []);
}

const cpus = os.cpus();
const out = {
  date: new Date().toISOString(),
  machine: { cpu: cpus[0]?.model ?? "unknown", cores: cpus.length, memGB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}`, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100) },
  node: process.version,
  versions: versions(),
  screen: "120x40",
  quick,
  durationS: Math.round((Date.now() - started) / 1000),
  results,
};
out.goals = evaluateGoals(results);
if (results.offpath || results.composer || results.coldStart) out.goals.push(...evaluateOffpath(results.offpath ?? {}, results));
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
if (!args.includes("--no-readme") && !quick && !args.some((a) => a.startsWith("--only=")) && FRAMEWORKS.length === 3) writeReadme(path.join(HERE, "README.md"), out);
if (!args.includes("--no-readme") && !quick && results.offpath) writeOffpathReadme(path.join(HERE, "README.md"), out);

function versions() {
  const v = (p) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(HERE, "node_modules", p, "package.json"), "utf8")).version;
    } catch {
      return "missing";
    }
  };
  return { librecode: JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version, ink: v("ink"), react: v("react"), "pi-tui": v("@mariozechner/pi-tui") };
}
