// The bundled start (scripts/bundle.mjs, bin/bundle-loader.ts): the chat's modules in one CommonJS
// file that runs as dist/ does, compiled with V8's code cache once a start has stored it.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "./run-cli.js";

let out = "";
let bundle = "";
beforeAll(() => {
  ensureBuilt();
  // Inside the package, so the external packages resolve from the bundle as from dist/.
  out = mkdtempSync(join(ROOT, "dist", ".bundle-test-"));
  const r = spawnSync(process.execPath, [join(ROOT, "scripts", "bundle.mjs"), out], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bundle: ${r.stderr}`);
  bundle = join(out, "chat-main.cjs");
}, 60000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const LOADER = pathToFileURL(join(ROOT, "dist", "bin", "bundle-loader.js")).href;

/** A fresh node running `code` with `loader` (dist/bin/bundle-loader.js) and `bundle` in scope. */
function node(code: string): { status: number | null; stdout: string; stderr: string } {
  const src = `const loader = await import(${JSON.stringify(LOADER)}); const bundle = ${JSON.stringify(bundle)};\n${code}`;
  return spawnSync(process.execPath, ["--input-type=module", "-e", src], {
    encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], env: { PATH: process.env.PATH ?? "" },
  });
}

/** Loads the bundle in a fresh node: whether the cache was used, then stores it if it was not. */
const loadAndSave = () => node("const b = loader.loadBundle(bundle); process.stdout.write(String(b.cached)); b.save();").stdout;

describe("the bundled start", () => {
  it("is one ASCII file (read without UTF-8 decoding) and the layout engine's wasm beside it", () => {
    expect(readdirSync(out).sort()).toEqual(["chat-main.cjs", "yoga.wasm"]);
    expect(readFileSync(bundle).every((b) => b < 0x80)).toBe(true);
  });

  it("holds yoga's wasm as yoga.wasm, not as the package's base64 data URL", () => {
    const wasm = readFileSync(join(out, "yoga.wasm"));
    expect([...wasm.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
    expect(readFileSync(bundle, "latin1")).not.toMatch(/base64,[A-Za-z0-9+/]{64}/);
  });

  it("routes every dynamic import through the loader's import() (a code-cached script has none of its own on Node 20)", () => {
    const code = readFileSync(bundle, "latin1");
    expect(code.match(/__import\("[^"]+"\)/g)?.sort()).toEqual([
      '__import("@anthropic-ai/sdk")', '__import("diff")', '__import("ignore")', '__import("node:crypto")', '__import("openai")', '__import("picomatch")', '__import("picomatch")',
    ]);
    expect(code.split("\n").filter((l) => /\bimport\(/.test(l))).toEqual(['var __import = typeof __importFromLoader === "function" ? __importFromLoader : (s) => import(s);']);
  });

  it("without yoga.wasm the start fails with one line naming the file", () => {
    const lone = mkdtempSync(join(ROOT, "dist", ".bundle-test-"));
    try {
      cpSync(bundle, join(lone, "chat-main.cjs"));
      const r = spawnSync(process.execPath, ["--input-type=module", "-e",
        `const loader = await import(${JSON.stringify(LOADER)}); await loader.runBundledChat(${JSON.stringify(join(lone, "chat-main.cjs"))});`],
      { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
      expect([r.status, r.stderr.trim().split("\n")]).toEqual([1, [
        `librecode: ${join(lone, "yoga.wasm")}: expected the layout engine's wasm next to the start-up bundle (npm run build writes it): ENOENT: no such file or directory, open '${join(lone, "yoga.wasm")}'`,
      ]]);
    } finally {
      rmSync(lone, { recursive: true, force: true });
    }
  });

  it("runs the chat as dist/ does: without a terminal it says so and exits 2", () => {
    const r = node("await loader.runBundledChat(bundle);");
    expect([r.status, r.stderr.trim()]).toEqual([2, "librecode: the interactive chat needs a terminal on stdin and stdout (use `librecode prompt` for scripts)"]);
  });

  it("stores V8's code cache next to the bundle and uses it from the next start; a rebuilt bundle's is not used", () => {
    rmSync(`${bundle}.cache`, { force: true });
    expect(loadAndSave()).toBe("false");
    expect(existsSync(`${bundle}.cache`)).toBe(true);
    expect(readFileSync(`${bundle}.cache`, "latin1").split("\n")[0]).toMatch(new RegExp(`^librecode code cache 1 ${process.version} ${process.arch} \\d+ [\\d.]+$`));
    expect(loadAndSave()).toBe("true");
    // A new mtime stands for a rebuild: the stored cache is for another bundle, so it is replaced.
    const later = new Date(Date.now() + 5000);
    utimesSync(bundle, later, later);
    expect(loadAndSave()).toBe("false");
    expect(loadAndSave()).toBe("true");
  });
});
