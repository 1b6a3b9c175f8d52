import { beforeAll, describe, expect, it } from "vitest";
import { SessionStore } from "../../engine/session/session-store.js";
import { ensureBuilt, scratch } from "../cli/run-cli.js";
import { cliInProcess } from "../cli/run-in-process.js";
import { jsonError, sseThenStall } from "../model/loopback-server.js";
import { KEY, loopbackPerTest, project, respond, runCli, startCli, textFrames, toolFrames, transcriptOf } from "./agent-fixture.js";

const serve = loopbackPerTest();
beforeAll(() => ensureBuilt(), 120_000);

/** The model reads notes.txt, then answers with what it read. */
async function readThenAnswer() {
  const server = await serve([
    (res) => respond(res, toolFrames("call_1", "read", { path: "notes.txt" })),
    (res, req) => {
      const tool = req.body.messages.at(-1);
      respond(res, textFrames("The file says: ", String(tool.content).split("\t")[1]!.trim()));
    },
  ]);
  return server;
}

function messages(home: string) {
  const store = SessionStore.open(home);
  try {
    const [s] = store.list();
    return { session: s!, messages: store.loadMessages(s!.id).map((m) => [m.kind, m.status, m.text]) };
  } finally {
    store.close();
  }
}

describe("librecode prompt", () => {
  it("runs the tool the model calls, streams the answer to stdout and saves the session", async () => {
    const srv = await readThenAnswer();
    const p = project(srv.origin);
    p.write("notes.txt", "remember the milk\n");
    const r = await runCli(["prompt", "what is in notes.txt?"], p);
    expect(r).toMatchObject({ code: 0, stdout: "The file says: remember the milk\n" });
    expect(r.stderr).toBe('[tool read {"path":"notes.txt"}]\n');
    expect(srv.requests.map(transcriptOf)).toEqual([
      ["system: ...", "user: what is in notes.txt?"],
      ["system: ...", "user: what is in notes.txt?", 'assistant:  [call read {"path":"notes.txt"}]', "tool:      1\tremember the milk"],
    ]);
    expect(srv.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(messages(p.home).messages).toEqual([
      ["user", "complete", "what is in notes.txt?"],
      ["assistant", "complete", ""],
      ["tool_result", "complete", "     1\tremember the milk"],
      ["assistant", "complete", "The file says: remember the milk"],
    ]);
  });

  it("denies the calls tools.approve lists (saying how to allow them), and runs them with --yes", async () => {
    const srv = await serve([
      (res) => respond(res, toolFrames("call_1", "bash", { command: "echo ran" })),
      (res) => respond(res, textFrames("Not allowed.")),
      (res) => respond(res, toolFrames("call_2", "bash", { command: "echo ran" })),
      (res) => respond(res, textFrames("Done.")),
    ]);
    const p = project(srv.origin, "tools:\n  approve: [bash]");
    const denied = await runCli(["prompt", "run it"], p);
    expect(denied).toEqual({
      code: 0, stdout: "Not allowed.\n",
      stderr: '[tool bash {"command":"echo ran"}]\n[tool bash failed: tool bash: not run: it needs the user\'s approval (tools.approve) and this run cannot ask (librecode prompt --yes allows such calls)]\n',
    });
    const allowed = await runCli(["prompt", "--yes", "run it"], p);
    expect(allowed).toEqual({ code: 0, stdout: "Done.\n", stderr: '[tool bash {"command":"echo ran"}]\n' });
    expect(srv.requests[3]!.body.messages.at(-1).content).toBe("ran\n\nexit code: 0");
  });

  it("separates the text of consecutive assistant turns by a blank line", async () => {
    const srv = await serve([
      (res) => respond(res, [...textFrames("Reading the file.").slice(0, 2), ...toolFrames("call_1", "read", { path: "notes.txt" })]),
      (res) => respond(res, textFrames("# Plan")),
    ]);
    const p = project(srv.origin);
    p.write("notes.txt", "remember the milk\n");
    const r = await runCli(["prompt", "use a tool"], p);
    expect(r).toMatchObject({ code: 0, stdout: "Reading the file.\n\n# Plan\n" });
  });

  it("prints one JSON event per line with --json", async () => {
    const srv = await readThenAnswer();
    const p = project(srv.origin);
    p.write("notes.txt", "milk\n");
    const r = await runCli(["prompt", "--json", "read notes.txt"], p);
    expect(r.code).toBe(0);
    const events = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).toEqual([
      "session", "user", "turn_start", "usage", "tool_start", "tool_end", "turn_end",
      "turn_start", "text_delta", "text_delta", "usage", "turn_end", "done",
    ]);
    expect(events[4]).toEqual({ type: "tool_start", tool_call_id: "call_1", name: "read", arguments: { path: "notes.txt" } });
    expect(events[5]).toEqual({ type: "tool_end", tool_call_id: "call_1", name: "read", content: "     1\tmilk", is_error: false });
    expect(events.at(-1)).toEqual({ type: "done", stop_reason: "stop", text: "The file says: milk" });
  });

  it("reads the prompt from stdin when the text is -", async () => {
    const server = await serve([(res) => respond(res, textFrames("ok"))]);
    const p = project(server.origin);
    const r = await runCli(["prompt", "-"], p, "from stdin\n");
    expect(r).toMatchObject({ code: 0, stdout: "ok\n" });
    expect(server.requests[0]!.body.messages.at(-1)).toEqual({ role: "user", content: "from stdin\n" });
  });

  it("exits 1 with one line on stderr when the provider fails", async () => {
    const server = await serve([jsonError(400, { error: { message: "bad model", type: "invalid_request_error" } })]);
    const p = project(server.origin);
    const r = await runCli(["prompt", "hi"], p);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`librecode: local: ${server.origin}/v1: 400 bad model\n`);
  });

  it("exits 2 on an empty prompt and on an unknown provider", async () => {
    const p = project("http://127.0.0.1:9");
    expect(await runCli(["prompt", ""], p)).toEqual({ code: 2, stdout: "", stderr: "librecode: prompt: text: expected a prompt (or - to read stdin), got nothing\n" });
    const bad = await runCli(["prompt", "--provider", "nope", "hi"], p);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^librecode: --provider: expected one of .*, got "nope"\n$/);
  });

  it("loads the project's extensions (their context reaches the model) unless --no-extensions", async () => {
    const server = await serve([(res) => respond(res, textFrames("ok"))]);
    const p = project(server.origin);
    p.write(".librecode/extensions/context.lua", 'librecode.on("context_build", function(ev) table.insert(ev.payload.contributions, "From an extension.") end)\n');
    expect((await runCli(["prompt", "hi"], p)).code).toBe(0);
    expect((await runCli(["prompt", "--no-extensions", "hi"], p)).code).toBe(0);
    const systems = server.requests.map((r) => r.body.messages[0].content as string);
    expect(systems.map((s) => s.endsWith("\n\nFrom an extension."))).toEqual([true, false]);
  });

  it("runs a slash command instead of sending it, and exits 1 when it fails", async () => {
    const p = project("http://127.0.0.1:9");
    const bad = await runCli(["prompt", "/nope"], p);
    expect(bad).toEqual({ code: 1, stdout: "", stderr: "librecode: unknown command: /nope (try /help)\n" });
  });

  it("shows a failing command's error once, as the command's line", async () => {
    const where = scratch();
    expect(await cliInProcess(["prompt", "--provider", "script", "/log x"], where)).toEqual({
      code: 1, stdout: "", stderr: 'librecode: /log: expected a number of entries >= 1, got "x"\n',
    });
  });

  it("keeps what streamed when killed with SIGKILL, and --resume continues from it", async () => {
    const long = "x".repeat(3000);
    const server = await serve([
      sseThenStall(textFrames("Here is a long answer: ", long).slice(0, 3)),
      (res) => respond(res, textFrames("continued")),
    ]);
    const p = project(server.origin);
    const child = startCli(["prompt", "write a lot"], p);
    await until(() => child.stdout().length >= 3000);
    child.proc.kill("SIGKILL");
    await child.exit;
    const r = await runCli(["prompt", "--resume", "go on"], p);
    expect(r).toMatchObject({ code: 0, stdout: "continued\n" });
    expect(transcriptOf(server.requests[1]!)).toEqual([
      "system: ...", "user: write a lot", `assistant: Here is a long answer: ${long}`, "user: go on",
    ]);
    expect(messages(p.home).messages).toEqual([
      ["user", "complete", "write a lot"],
      ["assistant", "interrupted", `Here is a long answer: ${long}`],
      ["user", "complete", "go on"],
      ["assistant", "complete", "continued"],
    ]);
  });
});

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setImmediate(r));
}
