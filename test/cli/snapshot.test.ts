import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { findCases, runCase } from "../../bin/cmd-snapshot.js";
import { cli, ensureBuilt } from "./run-cli.js";
import { cliInProcess } from "./run-in-process.js";

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A temp dir named `cases` (the status line shows the case directory's name) with files. */
function caseDir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "lc-snap-"));
  dirs.push(root);
  const dir = join(root, "cases");
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const FRAME = [
  "                              ",
  "                              ",
  "                              ",
  " hello                        ",
  "╭─ message ──────────────────╮",
  "│ hi                         │",
  "╰────────────────────────────╯",
  "script (offline demo)    cases",
].join("\n") + "\n";

const CASE = "size: 30x8\nkeys: hi\ntranscript: chat.jsonl\n";
const CHAT = `{"role":"user","text":"hello"}\n`;

describe("librecode snapshot, one case", () => {
  it("passes when the frame equals the .txt beside the case", async () => {
    const dir = caseDir({ "chat.snap.yaml": CASE, "chat.jsonl": CHAT, "chat.txt": FRAME });
    expect(await runCase(join(dir, "chat.snap.yaml"), dir, false)).toEqual({ file: "chat.snap.yaml", status: "ok", errors: [] });
  });

  it("gives a unified diff when the frame differs", async () => {
    const dir = caseDir({ "chat.snap.yaml": CASE, "chat.jsonl": CHAT, "chat.txt": FRAME.replace("│ hi  ", "│ ho  ") });
    const r = await runCase(join(dir, "chat.snap.yaml"), dir, false);
    expect(r.status).toBe("differs");
    expect(r.diff!.split("\n")).toEqual([
      "===================================================================",
      "--- chat.txt",
      "+++ chat.snap.yaml (rendered)",
      "@@ -2,7 +2,7 @@",
      "                               ",
      "                               ",
      "  hello                        ",
      " ╭─ message ──────────────────╮",
      "-│ ho                         │",
      "+│ hi                         │",
      " ╰────────────────────────────╯",
      " script (offline demo)    cases",
      "",
    ]);
  });

  it("reports a case without a .txt as missing and --update writes it", async () => {
    const dir = caseDir({ "chat.snap.yaml": CASE, "chat.jsonl": CHAT });
    expect((await runCase(join(dir, "chat.snap.yaml"), dir, false)).status).toBe("missing");
    expect((await runCase(join(dir, "chat.snap.yaml"), dir, true)).status).toBe("updated");
    expect(readFileSync(join(dir, "chat.txt"), "utf8")).toBe(FRAME);
  });

  it("loads the case's extension relative to the case file and lists its errors", async () => {
    const dir = caseDir({
      "sub/x.snap.yaml": "size: 30x8\nextension: [ext/hello.lua, ext/broken.lua]\n",
      "sub/ext/hello.lua": `librecode.buf.set_text("composer", "from lua")`,
      "sub/ext/broken.lua": `error("nope")`,
    });
    const r = await runCase(join(dir, "sub/x.snap.yaml"), dir, true);
    expect(r.errors).toEqual(["extension broken: load failed: broken.lua:1: nope\nstack traceback:\n\t[JS]: in function 'error'\n\tbroken.lua:1: in main chunk"]);
    expect(readFileSync(join(dir, "sub/x.txt"), "utf8").split("\n")[5]).toBe("│ from lua                   │");
  });

  it("names the file and key of a bad case", async () => {
    const dir = caseDir({ "bad.snap.yaml": "size: 30x8\nkey: x\n" });
    await expect(runCase(join(dir, "bad.snap.yaml"), dir, false)).rejects.toThrow(
      "snapshot: bad.snap.yaml: key: unknown key (expected one of size, layout, extension, keys, transcript, theme, bare)");
  });

  it("calls a case whose extension path does not exist bad, and --update writes no frame for it", async () => {
    const dir = caseDir({ "gone.snap.yaml": "size: 30x8\nextension: [ext, ./nope.lua]\n", "ext/ok.lua": `require("librecode")\n` });
    await expect(runCase(join(dir, "gone.snap.yaml"), dir, true)).rejects.toThrow(
      "snapshot: gone.snap.yaml: extension: ./nope.lua: no such file or directory");
    expect(existsSync(join(dir, "gone.txt"))).toBe(false);
    const r = await cliInProcess(["snapshot", "--update"], { root: dirname(dir), cwd: dir, home: join(dirname(dir), "home") });
    expect([r.code, r.stderr, r.stdout]).toEqual([2, "librecode: snapshot: gone.snap.yaml: extension: ./nope.lua: no such file or directory\n", ""]);
    expect(existsSync(join(dir, "gone.txt"))).toBe(false);
  });

  it("renders a bare: true case in bare mode and refuses a bare that is not a boolean", async () => {
    const dir = caseDir({ "bare.snap.yaml": "size: 30x8\nbare: true\n", "bad.snap.yaml": "size: 30x8\nbare: yes please\n" });
    await runCase(join(dir, "bare.snap.yaml"), dir, true);
    expect(readFileSync(join(dir, "bare.txt"), "utf8").split("\n").slice(1, 6)).toEqual([
      "librecode --bare: no extension",
      "      has built a screen      ",
      " load one with extensions.use ",
      "     or --extension PATH      ",
      "      ctrl+c twice quits      ",
    ]);
    await expect(runCase(join(dir, "bad.snap.yaml"), dir, false)).rejects.toThrow('snapshot: bad.snap.yaml: bare: expected true or false, got "yes please"');
  });

  it("finds every *.snap.yaml below a directory, skipping dot directories and node_modules", () => {
    const dir = caseDir({ "a.snap.yaml": CASE, "b/c.snap.yml": CASE, ".git/d.snap.yaml": CASE, "node_modules/e.snap.yaml": CASE, "f.yaml": CASE });
    expect(findCases([], dir).map((f) => f.slice(dir.length + 1))).toEqual(["a.snap.yaml", "b/c.snap.yml"]);
  });
});

describe("librecode snapshot (process)", () => {
  beforeAll(() => ensureBuilt(), 120000);

  it("exits 1 with the diff on a difference and 0 once --update wrote the frames", async () => {
    const dir = caseDir({ "chat.snap.yaml": CASE, "chat.jsonl": CHAT, "chat.txt": "old\n", "ok.snap.yaml": CASE.replace("chat.jsonl", "chat.jsonl"), "ok.txt": FRAME });
    const where = { root: dirname(dir), cwd: dir, home: join(dirname(dir), "home") };
    const failed = await cli(["snapshot"], where);
    expect(failed.code).toBe(1);
    expect(failed.stdout.split("\n").slice(0, 5)).toEqual(["FAIL    chat.snap.yaml", "===================================================================", "--- chat.txt", "+++ chat.snap.yaml (rendered)", "@@ -1,1 +1,8 @@"]);
    expect(failed.stdout).toContain("ok      ok.snap.yaml\n1 passed, 1 failed\n");
    const updated = await cli(["snapshot", ".", "--update"], where);
    expect(updated.stdout).toBe("updated chat.snap.yaml\nok      ok.snap.yaml\n2 passed, 0 failed\n");
    const again = await cli(["snapshot", "chat.snap.yaml"], where);
    expect([again.code, again.stdout]).toEqual([0, "ok      chat.snap.yaml\n1 passed, 0 failed\n"]);
  });

  it("exits 2 when there is no case", async () => {
    const dir = caseDir({ "readme.md": "" });
    const r = await cli(["snapshot"], { root: dirname(dir), cwd: dir, home: dir });
    expect([r.code, r.stderr]).toEqual([2, "librecode: snapshot: no *.snap.yaml case under .\n"]);
  });
});
