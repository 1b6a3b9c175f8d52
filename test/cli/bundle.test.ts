// The bundled start (scripts/bundle.mjs): the chat's modules in a few files that run as dist/ does.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "./run-cli.js";

let out = "";
beforeAll(() => {
  ensureBuilt();
  // Inside the package, so the external packages resolve from the bundle as from dist/.
  out = mkdtempSync(join(ROOT, "dist", ".bundle-test-"));
  const r = spawnSync(process.execPath, [join(ROOT, "scripts", "bundle.mjs"), out], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bundle: ${r.stderr}`);
}, 60000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the bundled start", () => {
  it("loads the chat from a handful of files, not the ~160 of dist/", () => {
    const files = readdirSync(out);
    expect(files).toContain("chat-main.js");
    expect(files.length).toBeLessThan(30);
  });

  it("runs the chat as dist/ does: without a terminal it says so and exits 2", () => {
    const r = spawnSync(process.execPath, [join(out, "chat-main.js")], { encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], env: { PATH: process.env.PATH ?? "" } });
    expect([r.status, r.stderr.trim()]).toEqual([2, "librecode: the interactive chat needs a terminal on stdin and stdout (use `librecode prompt` for scripts)"]);
  });
});
