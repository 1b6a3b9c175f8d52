// `--help` as a new user reads it: every option says what it does, and `librecode help CMD` is
// `librecode CMD --help`.
import { describe, expect, it } from "vitest";
import { cliInProcess } from "./run-in-process.js";
import { scratch } from "./run-cli.js";

const COMMANDS = [
  "prompt", "render", "snapshot", "extension list", "extension add", "extension remove", "extension install",
  "extension update", "extension log", "extension run", "session fork", "model list", "tool list", "tool run",
  "auth login", "auth list", "config show", "config validate",
];

/** Option lines of a help text whose description column is empty (`  --name <file>` alone). */
function bareOptions(help: string): string[] {
  const opts = help.split("Options:\n")[1] ?? "";
  return opts.split("\n").filter((l) => /^ {2}-/.test(l) && !/^ {2}\S.*\S {2,}\S/.test(l)).map((l) => l.trim());
}

describe("the help texts", () => {
  it("describe every option of every command", async () => {
    const where = scratch();
    const bare: string[] = [];
    for (const cmd of COMMANDS) {
      const r = await cliInProcess([...cmd.split(" "), "--help"], where);
      expect(r.code).toBe(0);
      bare.push(...bareOptions(r.stdout).map((o) => `${cmd} ${o}`));
    }
    expect(bare).toEqual([]);
  });

  it("render's help marks --size required, in the usage line and beside the option", async () => {
    const lines = (await cliInProcess(["render", "--help"], scratch())).stdout.split("\n");
    expect(lines[0]).toBe("Usage: librecode render --size <WxH> [options]");
    expect(lines.find((l) => l.startsWith("  --size"))).toBe("  --size <WxH>         screen size WIDTHxHEIGHT, e.g. 100x30 (required)");
  });

  it("`librecode help session` is the help of session, and a bare `help` the program's", async () => {
    const where = scratch();
    const r = await cliInProcess(["help", "session"], where);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("Usage: librecode session [options] [command]");
    const top = await cliInProcess(["help"], where);
    expect(top.stdout.split("\n")[0]).toBe("Usage: librecode [options] [command]");
    const sub = await cliInProcess(["help", "extension", "add"], where);
    expect(sub.stdout.split("\n")[0]).toBe("Usage: librecode extension add [options] <source>");
  });
});
