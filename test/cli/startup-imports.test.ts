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
process.stdout.write(JSON.stringify({ packages: [...packages].sort(), undici, noHost: app.extensions === null }));
process.exit(0);
`;

function probe(files: Record<string, string> = {}): { packages: string[]; undici: boolean; noHost: boolean } {
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

  it("a config file brings in yaml, an extension brings in fengari, and nothing else of the deferred list", () => {
    const r = probe({ ".librecode/config.yaml": "theme: light\n", ".librecode/extensions/hello.lua": "-- empty\n" });
    expect(r.packages.filter((p) => DEFERRED.includes(p))).toEqual(["fengari", "yaml"]);
    expect(r.noHost).toBe(false);
  });
});
