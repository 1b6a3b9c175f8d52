// Cold start to the first frame under a pseudo-terminal: each command runs in a fresh `script`
// pty (120x40 set by stty), timed from spawn until the bytes that end its first frame arrive.
// Baselines: the pty wrapper alone, bare `node -e 0`, and an Ink hello world; then `--resume` of a
// stored session of 10,000 messages (issue 15: it may add < 50 ms to the first frame). Prints JSON.
// Usage: node suites/cold-start.mjs [--quick]
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { now, summarize } from "../lib/stats.mjs";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const RUNS = process.argv.includes("--quick") ? 3 : 7;
const TIMEOUT_MS = 10000;
const SYNC_END = "\x1b[?2026l";
const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

// CPU ms the processes under `pid` (the pty wrapper's shell exec'd into node) have used so far, every
// thread counted (/proc/<pid>/task/<tid>/schedstat, ns): steadier than wall time on a busy machine.
// undefined where /proc has no such files (not Linux).
function cpuMsUnder(pid) {
  try {
    let ns = 0;
    const walk = (p) => {
      for (const t of fs.readdirSync(`/proc/${p}/task`)) {
        ns += Number(fs.readFileSync(`/proc/${p}/task/${t}/schedstat`, "utf8").split(" ")[0]);
        for (const c of fs.readFileSync(`/proc/${p}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) walk(c);
      }
    };
    walk(pid);
    return ns / 1e6;
  } catch {
    return undefined;
  }
}

// One run: ms from spawn until `done(output)` holds (or until exit when done is "exit"), and for
// `done` the CPU ms used by then (the pty wrapper's own included). It settles once the process has
// exited (SIGTERM after its frame), so a run never overlaps the teardown of the one before.
// `linger` ms: how long the process may run on after its frame before SIGTERM (the warm-up run's
// chat stores the bundle's code cache and its saved screen just after the first frame).
function once(cmd, done, env, linger = 0) {
  return new Promise((resolve) => {
    const t0 = now();
    const child = spawn("script", ["-qfc", `stty cols 120 rows 40 2>/dev/null; exec ${cmd}`, "/dev/null"], {
      cwd: env.BENCH_CWD, env, stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let result;
    let closed = false;
    const finish = (r) => {
      if (result) return;
      result = r;
      clearTimeout(timer);
      if (closed) resolve(r);
      else {
        setTimeout(() => child.kill("SIGTERM"), linger);
        setTimeout(() => child.kill("SIGKILL"), 2000).unref();
      }
    };
    const timer = setTimeout(() => finish({ error: `no first frame within ${TIMEOUT_MS} ms`, tail: out.slice(-300) }), TIMEOUT_MS);
    child.stdout.on("data", (b) => {
      out += b.toString("utf8");
      if (done !== "exit" && done(out)) {
        const ms = now() - t0;
        finish({ ms, cpuMs: cpuMsUnder(child.pid), bytes: Buffer.byteLength(out) });
      }
    });
    child.on("error", (e) => {
      closed = true;
      finish({ error: `cannot spawn script(1): ${e.message}`, tail: "" });
    });
    child.on("close", () => {
      closed = true;
      if (done === "exit") finish({ ms: now() - t0 });
      else finish({ error: "exited before its first frame", tail: out.slice(-300) });
      resolve(result);
    });
  });
}

// Every command RUNS times, in rounds (one run of each, in turn), so a change in the machine's load
// during the suite falls on every row alike and the ratios between rows hold. One untimed warm-up
// run of each first, left running for a second after its frame (the file cache; librecode's code
// cache, which a start stores after its first frame, as any real session does).
async function interleaved(commands) {
  const runs = Object.fromEntries(Object.keys(commands).map((k) => [k, { ms: [], cpu: [], last: undefined }]));
  for (const [, c] of Object.entries(commands)) await once(c.cmd, c.done, c.env, 1000);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, c] of Object.entries(commands)) {
      const r = runs[k];
      if (r.last?.error) continue;
      r.last = await once(c.cmd, c.done, c.env);
      if (r.last.error) continue;
      r.ms.push(r.last.ms);
      if (r.last.cpuMs !== undefined) r.cpu.push(r.last.cpuMs);
    }
  }
  return Object.fromEntries(Object.entries(runs).map(([k, { ms, cpu, last }]) => [k, last.error ? { error: last.error, output: last.tail } : {
    ms: summarize(ms), ...(cpu.length === ms.length ? { cpuMs: summarize(cpu) } : {}),
    ...(last.bytes !== undefined ? { firstFrameBytes: last.bytes } : {}),
  }]));
}

// Where the start-up time goes: each module imported alone in a fresh node (median of a few
// runs), minus a fresh node importing nothing. Heavy entries are candidates for lazy import().
const IMPORTS = [
  "dist/bin/create-app.js", "dist/bin/interactive-app.js", "dist/engine/agent/index.js",
  "@anthropic-ai/sdk", "openai", "highlight.js/lib/core", "marked", "yaml", "fengari", "yoga-layout", "better-sqlite3", "commander",
];
function importCosts() {
  const runs = RUNS > 3 ? 5 : 3;
  const timeOf = (code) => {
    const ms = [];
    for (let i = 0; i < runs; i++) {
      const t0 = now();
      const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: ROOT, stdio: "ignore" });
      if (r.status !== 0) return NaN;
      ms.push(now() - t0);
    }
    return summarize(ms).median;
  };
  const base = timeOf("");
  const out = { baseMs: Math.round(base) };
  for (const m of IMPORTS) {
    const spec = m.startsWith("dist/") ? pathToFileURL(path.join(ROOT, m)).href : m;
    const code = `await import(${JSON.stringify(spec)})`;
    let t = timeOf(code);
    if (Number.isNaN(t)) t = timeOf(code); // dist/ may be mid-rebuild in a shared checkout
    out[m] = Number.isNaN(t) ? "error" : Math.round(t - base);
  }
  return out;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "librecode-cold-"));
fs.mkdirSync(path.join(dir, "home"));
const env = { ...process.env, LIBRECODE_HOME: path.join(dir, "home"), BENCH_CWD: dir, TERM: "xterm-256color", NODE_ENV: "production" };
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;
const node = q(process.execPath);

// A stored session of 10,000 messages (the bench transcript) in its own home and directory.
async function resumeFixture(n) {
  const home = path.join(dir, "resume-home");
  const cwd = path.join(dir, "resume-cwd");
  fs.mkdirSync(cwd, { recursive: true });
  const { SessionStore } = await import(pathToFileURL(path.join(ROOT, "dist/engine/session/session-store.js")).href);
  const { transcript } = await import("../lib/fixture.mjs");
  const store = SessionStore.open(home);
  const s = store.create({ cwd, provider: "script", model: "demo" });
  for (const m of transcript(n)) store.appendMessage(s.id, { kind: m.role === "user" ? "user" : "assistant", text: m.text });
  store.close();
  return { ...env, LIBRECODE_HOME: home, BENCH_CWD: cwd };
}
const RESUMED = 10000;
const resumeEnv = await resumeFixture(RESUMED);
// The same session where no screen can be saved (`screens` is a file, not a folder): every resume
// renders its newest blocks, as the first resume after a crash or an upgrade does.
const unsavedHome = path.join(dir, "resume-home-unsaved");
fs.cpSync(resumeEnv.LIBRECODE_HOME, unsavedHome, { recursive: true });
fs.writeFileSync(path.join(unsavedHome, "screens"), "");
const unsavedEnv = { ...resumeEnv, LIBRECODE_HOME: unsavedHome };
const bin = `${node} ${q(path.join(ROOT, "bin/librecode"))}`;
const frameEnd = (o) => o.includes(SYNC_END);
const results = await interleaved({
  ptyWrapper: { cmd: "true", done: "exit", env },
  nodeBare: { cmd: `${node} -e 0`, done: "exit", env },
  // node up and writing its first byte, kept alive so its CPU time can be read then (the CPU baseline).
  nodeFirstByte: { cmd: `${node} -e ${q("process.stdout.write('ready\\n'); setTimeout(() => {}, 10000)")}`, done: (o) => o.includes("ready"), env },
  inkHello: { cmd: `${node} ${q(path.join(ROOT, "bench/ink-hello.mjs"))}`, done: (o) => o.includes("Hello, world"), env },
  librecode: { cmd: bin, done: frameEnd, env },
  // The first frame of a resumed session ends after its newest messages were drawn. The warm-up
  // run's exit (SIGTERM) saved its screen, as a user's last exit did (bin/saved-screen-file.ts).
  librecodeResume: { cmd: `${bin} --resume`, done: frameEnd, env: resumeEnv },
  librecodeResumeUnsaved: { cmd: `${bin} --resume`, done: frameEnd, env: unsavedEnv },
});
results.librecodeResume = { messages: RESUMED, ...results.librecodeResume };
results.librecodeResumeUnsaved = { messages: RESUMED, ...results.librecodeResumeUnsaved };
results.imports = importCosts();
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify(results) + "\n");
