import { beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, cli, ensureBuilt, scratch } from "./run-cli.js";
import { cliInProcess as run } from "./run-in-process.js";

// Most tests run the command line in-process; the few marked "real process" run bin/librecode.
beforeAll(() => ensureBuilt(), 120000);

const GREET = [
  `local lc = require("librecode")`,
  `lc.register_command("hello", "say hello", function(args) return "hello " .. args end)`,
  `lc.register_tool("shout", "Upper-case text.", function(a) return string.upper(a.text) end,`,
  `  { type = "object", properties = { text = { type = "string" } }, required = { "text" } })`,
].join("\n") + "\n";

describe.concurrent("librecode config", () => {
  it("show prints every value with its source", async () => {
    const r = await run(["config", "show"], scratch({ ".librecode/config.yaml": "assistant:\n  thinking_level: high\n" }));
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines.find((l) => l.startsWith("assistant.thinking_level"))).toMatch(/^assistant\.thinking_level = "high" +# \.librecode\/config\.yaml:2$/);
    expect(lines.find((l) => l.startsWith("theme ="))).toMatch(/^theme = "dark" +# default$/);
  });
  it("validate says ok with no files", async () => {
    const r = await run(["config", "validate"], scratch());
    expect([r.code, r.stdout, r.stderr]).toEqual([0, "ok: no config files (defaults)\n", ""]);
  });
  it("validate lists every problem and exits 2", async () => {
    const r = await run(["config", "validate"], scratch({ ".librecode/config.yaml": "theme: blue\nui:\n  fps: -1\n" }));
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(2);
    expect(r.stderr).toContain(`config: .librecode/config.yaml:1: theme: expected dark or light, got "blue"`);
  });
  it("show with a bad --config file exits 2 with one line", async () => {
    const r = await run(["config", "show", "--config", "missing.yaml"], scratch());
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^librecode: config: missing\.yaml/);
  });
});

describe.concurrent("librecode tool", () => {
  it("list shows the built-in tools and extension tools with their owners", async () => {
    const r = await run(["tool", "list"], scratch({ ".librecode/extensions/greet.lua": GREET }));
    expect(r.stdout.split("\n").filter(Boolean).map((l) => l.split(/\s+/).slice(0, 2).join(" "))).toEqual([
      "read host", "write host", "edit host", "bash host", "grep host", "find host", "ls host", "fetch host", "shout greet",
    ]);
  });
  it("list --no-extensions leaves extension tools out", async () => {
    const r = await run(["tool", "list", "--no-extensions"], scratch({ ".librecode/extensions/greet.lua": GREET }));
    expect(r.stdout).not.toContain("shout");
  });
  it("run prints a tool's output (exit 0) (real process)", async () => {
    const r = await cli(["tool", "run", "bash", `{"command":"echo hi"}`], scratch());
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain("hi");
  });
  it("run an extension tool", async () => {
    const r = await run(["tool", "run", "shout", `{"text":"hey"}`], scratch({ ".librecode/extensions/greet.lua": GREET }));
    expect([r.code, r.stdout]).toEqual([0, "HEY\n"]);
  });
  it("run applies extension hooks as the chat does: tool_result rewrites, tool_call refuses", async () => {
    const dir = scratch({
      "app.env": "API_TOKEN=sk-live-1234567890abcdef\n",
      ".librecode/extensions/guard.lua": [
        `local lc = require("librecode")`,
        `lc.on("tool_result", function(ev) ev.payload.content = (ev.payload.content:gsub("sk%-[%w%-]+", "[redacted]")) end)`,
        `lc.on("tool_call", function(ev) if ev.payload.name == "bash" then ev.payload.reason = "no shell here"; return true end end)`,
      ].join("\n") + "\n",
    });
    const read = await run(["tool", "run", "read", `{"path":"app.env"}`], dir);
    expect([read.code, read.stdout.includes("sk-live"), read.stdout.includes("API_TOKEN=[redacted]")]).toEqual([0, false, true]);
    const bash = await run(["tool", "run", "bash", `{"command":"echo hi"}`], dir);
    expect([bash.code, bash.stdout, bash.stderr]).toEqual([1, "", "no shell here\n"]);
  });
  it("a failing tool exits 1", async () => {
    const r = await run(["tool", "run", "read", `{"path":"nope.txt"}`], scratch());
    expect([r.code, r.stdout, r.stderr]).toEqual([1, "", "read: nope.txt: file not found\n"]);
  });
  it("an unknown tool or bad JSON exits 2", async () => {
    const dir = scratch();
    const unknown = await run(["tool", "run", "nope", "{}"], dir);
    expect([unknown.code, unknown.stderr]).toEqual([2, "librecode tool run: unknown tool 'nope' (known: read, write, edit, bash, grep, find, ls, fetch)\n"]);
    const bad = await run(["tool", "run", "ls", "[1]"], dir);
    expect([bad.code, bad.stderr]).toEqual([2, "librecode tool run: arguments: expected a JSON object, got a list\n"]);
  });
});

describe.concurrent("librecode extension", () => {
  it("list shows each source, extension and what it registered", async () => {
    const dir = scratch({ ".librecode/extensions/greet.lua": GREET });
    const lines = (await run(["extension", "list"], dir)).stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "path:.librecode/extensions  loaded",
      `  greet  loaded  ${dir.path(".librecode/extensions/greet.lua")}`,
      "    commands: hello",
      "    tools: shout",
    ]);
  });
  it("run runs a command with its arguments", async () => {
    const r = await run(["extension", "run", "hello", "big", "world"], scratch({ ".librecode/extensions/greet.lua": GREET }));
    expect([r.code, r.stdout]).toEqual([0, "hello big world\n"]);
  });
  it("run of an unknown command exits 2", async () => {
    const r = await run(["extension", "run", "nope"], scratch({ ".librecode/extensions/greet.lua": GREET }));
    expect([r.code, r.stderr]).toEqual([2, "librecode extension run: nope: no such command (known: hello)\n"]);
  });
});

describe("librecode session", () => {
  it("new prints an id that list and show then find", async () => {
    const dir = scratch();
    const made = await run(["session", "new", "my-work"], dir);
    expect(made.code).toBe(0);
    const id = made.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    const list = await run(["session", "list"], dir);
    expect(list.stdout).toMatch(new RegExp(`^${id}  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  0 msgs  my-work  -  ${dir.cwd}\\n$`));
    const show = await run(["session", "show", "my-work"], dir);
    expect(show.stdout.split("\n")[0]).toBe(`session ${id} "my-work"`);
  });
  it("list with no sessions says so", async () => {
    expect((await run(["session", "list"], scratch())).stdout).toBe("no sessions\n");
  });
  it("fails with one line and exit 1 when librecode.db cannot be opened (real process)", async () => {
    const dir = scratch();
    mkdirSync(join(dir.home, "librecode.db"));
    const r = await cli(["session", "list"], dir);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, "", `librecode: session: ${join(dir.home, "librecode.db")}: cannot open the database: it is a directory\n`]);
  });
  it("fork --at past the session's last message exits 2 instead of copying it all", async () => {
    const dir = scratch();
    await run(["session", "new", "w"], dir);
    const r = await run(["session", "fork", "w", "--at", "3"], dir);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, "", `librecode session fork: --at: expected a message number from 0 to 0, got "3"\n`]);
  });
  it("show of an unknown session exits 2", async () => {
    const r = await run(["session", "show", "nope"], scratch());
    expect([r.code, r.stderr]).toEqual([2, `librecode session show: no session matches "nope"\n`]);
  });
});

describe.concurrent("librecode: the command line itself", () => {
  it("an unknown command exits 2 with one line naming the commands", async () => {
    const r = await run(["nonsense"], scratch());
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2, "", `librecode: command: expected one of prompt, render, snapshot, extension, session, model, skill, tool, auth, config, got "nonsense"\n`,
    ]);
  });
  it("an unknown option exits 2 with one line, the suggestion on it", async () => {
    const r = await run(["--sesion", "x"], scratch());
    expect([r.code, r.stderr]).toEqual([2, "librecode: unknown option '--sesion' (Did you mean --session?)\n"]);
  });
  it("help is --help", async () => {
    const r = await run(["help"], scratch());
    expect([r.code, r.stdout.split("\n")[0]]).toEqual([0, "Usage: librecode [options] [command]"]);
  });
  it("--version prints the package version (real process)", async () => {
    const r = await cli(["--version"], scratch());
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect([r.code, r.stdout]).toEqual([0, `${pkg.version}\n`]);
  });
});

describe("librecode (the chat)", () => {
  it("without a terminal exits 2 and points at librecode prompt (real process)", async () => {
    const r = await cli([], scratch());
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2, "", "librecode: the interactive chat needs a terminal on stdin and stdout (use `librecode prompt` for scripts)\n",
    ]);
  });
});

describe("librecode model", () => {
  it("list stars the offline demo when no provider has a key", async () => {
    const r = await run(["model", "list"], scratch());
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").filter((l) => l.includes("*"))).toEqual(["  * demo                           200,000        -  no      yes             -        -               -                -"]);
  });
  it("list on a 60-column terminal fits the table to it (piped, below, every column is printed)", async () => {
    const out = process.stdout as { isTTY?: boolean; columns?: number };
    const saved = { isTTY: out.isTTY, columns: out.columns };
    Object.assign(out, { isTTY: true, columns: 60 });
    try {
      const r = await run(["model", "list", "DEMO"], scratch(), { NO_COLOR: "1" });
      expect([r.code, r.stdout.split("\n")]).toEqual([0, [
        "    model  context  max out  images  $/M in  $/M out",
        "script  script  (offline)  no key needed",
        "  * demo   200,000        -  no           -        -",
        "  (3 more columns on a wider screen)",
        "",
      ]]);
    } finally {
      Object.assign(out, saved);
    }
  });
  it("list SEARCH shows only matching models; no match exits 1", async () => {
    const r = await run(["model", "list", "DEMO"], scratch());
    expect([r.code, r.stdout.split("\n")]).toEqual([0, [
      "    model  context  max out  images  reasoning  $/M in  $/M out  $/M cache read  $/M cache write",
      "script  script  (offline)  no key needed",
      "  * demo   200,000        -  no      yes             -        -               -                -",
      "",
    ]]);
    expect(await run(["model", "list", "zzz"], scratch())).toEqual({ stdout: "", stderr: 'librecode model list: no model matches "zzz"\n', code: 1 });
  });
});
