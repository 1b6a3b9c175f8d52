// What the interactive chat loads before its first frame: a fresh node imports the built
// dist/bin/cmd-chat.js, builds the app with createApp and paints one frame, recording every module
// file the ESM loader (and CommonJS inside it) loads. The heavy packages wait for first use.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, scratch } from "./run-cli.js";

beforeAll(() => ensureBuilt(), 120000);

// Runs in the child: a loader hook posts every loaded URL back; CommonJS files are caught at compile.
const PROBE = `
import Module, { register } from "node:module";
const urls = [];
const { port1, port2 } = new MessageChannel();
port1.on("message", (u) => urls.push(u));
port1.unref();
register("data:text/javascript," + encodeURIComponent("let port; export function initialize(d) { port = d.port; } export async function load(u, c, n) { port.postMessage(u); return n(u, c); }"), { data: { port: port2 }, transferList: [port2] });
const compile = Module.prototype._compile;
Module.prototype._compile = function (code, file) { urls.push(file); return compile.call(this, code, file); };
const dist = process.env.PROBE_DIST;
await (await import(dist + "/bin/yoga-preload.js")).preloadYoga(); // as the chat's starts do
await import(dist + "/bin/cmd-chat.js");
const { createApp } = await import(dist + "/bin/create-app.js");
const { Screen } = await import(dist + "/ui/screen.js");
const app = await createApp({ width: 80, height: 24 });
app.painter.paint(new Screen(80, 24).back);
await new Promise((r) => setTimeout(r, 50));
const packages = new Set(urls.map((u) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(u)?.[1]).filter(Boolean));
const undici = process.moduleLoadList.some((m) => m.includes("undici"));
const builtins = process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => m.slice(13));
process.stdout.write(JSON.stringify({ packages: [...packages].sort(), undici, builtins, noHost: app.extensions === null }));
process.exit(0);
`;

function probe(files: Record<string, string> = {}): { packages: string[]; undici: boolean; builtins: string[]; noHost: boolean } {
  const dir = scratch(files);
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", PROBE], {
    cwd: dir.cwd, encoding: "utf8", timeout: 30000,
    env: { PATH: process.env.PATH ?? "", HOME: dir.root, LIBRECODE_HOME: dir.home, PROBE_DIST: pathToFileURL(join(ROOT, "dist")).href },
  });
  if (r.status !== 0) throw new Error(`probe: exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Packages that must not load before the first frame of a plain start. */
const DEFERRED = [
  "@anthropic-ai/sdk", "openai", "better-sqlite3", "chalk", "diff", "fengari", "fuzzysort", "highlight.js", "ignore", "picomatch", "string-width",
  "wrap-ansi", "yaml",
];

describe("start-up imports of the interactive chat", () => {
  it("a plain start loads none of the model SDKs, SQLite, yaml, fengari, diff, highlight.js, the glob matchers or the CLI's chalk/wrap-ansi/string-width", () => {
    const r = probe();
    expect(r.packages.filter((p) => DEFERRED.includes(p))).toEqual([]);
    expect(r.noHost).toBe(true);
  });

  it("yoga-layout loads without waking Node's fetch (undici)", () => {
    expect(probe().undici).toBe(false);
  });

  it("a plain start loads neither child_process (only a stale terminal's repair runs stty) nor perf_hooks (guarded calls time with process.hrtime)", () => {
    expect(probe().builtins.filter((m) => m === "child_process" || m === "perf_hooks")).toEqual([]);
  });

  it("a config file brings in yaml, an extension brings in fengari, and nothing else of the deferred list", () => {
    const r = probe({ ".librecode/config.yaml": "theme: light\n", ".librecode/extensions/hello.lua": "-- empty\n" });
    expect(r.packages.filter((p) => DEFERRED.includes(p))).toEqual(["fengari", "yaml"]);
    expect(r.noHost).toBe(false);
  });
});

// A resumed session of markdown with a fenced code block. The first child draws it and saves its
// screen as the chat's exit does; the second resumes it, drawing the saved screen, with the same
// loader hooks as PROBE.
const RESUME_SETUP = `
const dist = process.env.PROBE_DIST;
const { SessionStore } = await import(dist + "/engine/session/session-store.js");
const store = SessionStore.open(process.env.LIBRECODE_HOME);
const s = store.create({ cwd: process.cwd(), provider: "script", model: "demo" });
for (let i = 0; i < 30; i++) {
  store.appendMessage(s.id, { kind: "user", text: "question " + i });
  store.appendMessage(s.id, { kind: "assistant", text: "An **answer**:\\n\\n\`\`\`js\\nconst x = " + i + ";\\n\`\`\`\\n\\n| a | b |\\n| - | - |\\n| 1 | 2 |" });
}
store.close();
await (await import(dist + "/bin/yoga-preload.js")).preloadYoga();
const { createApp } = await import(dist + "/bin/create-app.js");
const { Screen } = await import(dist + "/ui/screen.js");
const { showResumed } = await import(dist + "/engine/agent/resume-preview.js");
const { screenBuild, writeSavedScreen } = await import(dist + "/bin/saved-screen-file.js");
const app = await createApp({ width: 80, height: 24 });
const shown = showResumed(app.runtime, app.home, app.runtime.cwd, { resume: true });
app.painter.paint(new Screen(80, 24).back);
writeSavedScreen(app.home, shown.sessionId, app.painter.savedTranscript(screenBuild()));
process.exit(0);
`;

const RESUME_PROBE = PROBE.slice(0, PROBE.indexOf("const dist")) + `
const dist = process.env.PROBE_DIST;
await (await import(dist + "/bin/yoga-preload.js")).preloadYoga();
const { createApp } = await import(dist + "/bin/create-app.js");
const { Screen } = await import(dist + "/ui/screen.js");
const { showResumed } = await import(dist + "/engine/agent/resume-preview.js");
const { readSavedScreen } = await import(dist + "/bin/saved-screen-file.js");
const app = await createApp({ width: 80, height: 24 });
const shown = showResumed(app.runtime, app.home, app.runtime.cwd, { resume: true });
if (process.env.PROBE_SEED === "1") app.painter.seedTranscript(readSavedScreen(app.home, shown.sessionId));
app.painter.paint(new Screen(80, 24).back);
await new Promise((r) => setTimeout(r, 50));
const packages = new Set(urls.map((u) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(u)?.[1]).filter(Boolean));
process.stdout.write(JSON.stringify({ packages: [...packages].sort() }));
process.exit(0);
`;

describe("start-up imports of a resumed chat", () => {
  it("a resume whose screen the last run saved loads neither marked nor highlight.js before its first frame; without it, both", () => {
    const dir = scratch();
    const env = { PATH: process.env.PATH ?? "", HOME: dir.root, LIBRECODE_HOME: dir.home, PROBE_DIST: pathToFileURL(join(ROOT, "dist")).href };
    const run = (script: string, extra: Record<string, string> = {}): string => {
      const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: dir.cwd, encoding: "utf8", timeout: 30000, env: { ...env, ...extra } });
      if (r.status !== 0) throw new Error(`probe: exit ${r.status}: ${r.stderr}`);
      return r.stdout;
    };
    run(RESUME_SETUP);
    const seeded = JSON.parse(run(RESUME_PROBE, { PROBE_SEED: "1" })) as { packages: string[] };
    const unseeded = JSON.parse(run(RESUME_PROBE)) as { packages: string[] };
    expect(seeded.packages.filter((p) => p === "marked" || p === "highlight.js")).toEqual([]);
    expect(unseeded.packages.filter((p) => p === "marked" || p === "highlight.js")).toEqual(["highlight.js", "marked"]);
  });
});
