import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../cli/run-cli.js";
import { project, runCli } from "./agent-fixture.js";

beforeAll(() => ensureBuilt(), 120_000);

// No model is asked for a shell escape: the configured server address is never contacted.
const offline = () => project("http://127.0.0.1:9");

describe("librecode prompt with a shell escape", () => {
  // The output is the bash tool's result, as the transcript shows it: the command's output and its exit code.
  it("prints the command's output on stdout and the tool line on stderr", async () => {
    const p = offline();
    p.write("a.txt", "alpha\n");
    const r = await runCli(["prompt", "!cat a.txt; echo done"], p);
    expect(r).toEqual({ code: 0, stdout: "alpha\ndone\n\nexit code: 0\n", stderr: '[tool bash {"command":"cat a.txt; echo done"}]\n' });
  });

  it("reports the output as a shell event in --json mode", async () => {
    const r = await runCli(["prompt", "--json", "!!echo hi"], offline());
    const events = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).toEqual(["session", "tool_start", "tool_end", "shell", "done"]);
    expect(events[3]).toEqual({ type: "shell", command: "echo hi", output: "hi\n\nexit code: 0", is_error: false, kept: false });
    expect(r.code).toBe(0);
  });
});
