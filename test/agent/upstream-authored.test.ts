// Three extensions written the way an author of the original librecode would (the files in
// test/fixtures/upstream/authored/), run unchanged: against a real loopback provider (what the
// model receives) and on screen (what the user sees).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppPainter } from "../../ui/app-painter.js";
import { CellGrid } from "../../ui/cell-grid.js";
import { createTheme } from "../../ui/theme.js";
import { ExtensionHost } from "../../lua/extension-host.js";
import { loopbackPerTest, openLoop, project, respond, textFrames, toolFrames, transcriptOf, type Project } from "./agent-fixture.js";

const serve = loopbackPerTest();
const AUTHORED = join(import.meta.dirname, "../fixtures/upstream/authored");

function chatWith(p: Project, file: string) {
  const chat = openLoop(p);
  const host = new ExtensionHost(chat.rt, { cwd: p.cwd, home: p.home });
  host.loadPaths([join(AUTHORED, file)]);
  chat.loop.start(false);
  const screen = (width: number, height: number) => {
    chat.rt.resize(width, height);
    const grid = new CellGrid(width, height);
    new AppPainter(chat.rt, createTheme({ noColor: true })).paint(grid);
    return grid.toLines();
  };
  return { ...chat, screen, logs: () => host.extensions().flatMap((e) => e.logs) };
}

/** The `<extension_context>` section the system prompt of request `i` ends with. */
function extensionContext(body: { messages: { content: unknown }[] }): string {
  const system = body.messages[0]!.content as string;
  return system.slice(system.indexOf("<extension_context>"));
}

describe("context-injector.lua", () => {
  it("adds CONVENTIONS.md and the conversation's length to each request", async () => {
    const server = await serve([(res) => respond(res, textFrames("noted")), (res) => respond(res, textFrames("again"))]);
    const p = project(server.origin);
    p.write("CONVENTIONS.md", "Use tabs.\nNo default exports.\n");
    const chat = chatWith(p, "context-injector.lua");
    await chat.loop.run("hi");
    await chat.loop.run("and now?");
    expect(chat.rt.errors).toEqual([]);
    expect(extensionContext(server.requests[0]!.body)).toBe([
      "<extension_context>",
      `<block name="conventions" source="context-injector" role="system" tokens=8>`,
      "Use tabs.\nNo default exports.",
      "</block>",
      `<block name="conversation" source="context-injector" role="system" tokens=11>`,
      "The conversation so far has 1 message(s).",
      "</block>",
      "</extension_context>",
    ].join("\n"));
    expect(extensionContext(server.requests[1]!.body)).toContain("The conversation so far has 3 message(s).");
  });

  it("without the file, only the note", async () => {
    const server = await serve([(res) => respond(res, textFrames("ok"))]);
    const chat = chatWith(project(server.origin), "context-injector.lua");
    await chat.loop.run("hi");
    expect(extensionContext(server.requests[0]!.body)).not.toContain("conventions");
    expect(extensionContext(server.requests[0]!.body)).toContain("The conversation so far has 1 message(s).");
  });
});

describe("tool-redactor.lua", () => {
  it("secrets in a tool's output are replaced before the model and the screen see them", async () => {
    const server = await serve([
      (res) => respond(res, toolFrames("call_1", "bash", { command: "cat settings.txt" })),
      (res) => respond(res, textFrames("done")),
    ]);
    const p = project(server.origin);
    p.write("settings.txt", "user=me\nAPI_KEY=abc123\ndb_password: hunter2\n");
    const chat = chatWith(p, "tool-redactor.lua");
    await chat.loop.run("show the env");
    expect(chat.rt.errors).toEqual([]);
    expect(transcriptOf(server.requests[1]!).at(-1)).toBe("tool: user=me\nAPI_KEY=[redacted]\ndb_password: [redacted]\n\nexit code: 0");
    expect(chat.logs()).toEqual(["redacted 2 secret(s) from bash"]);
    // The last line is the status line, which names the temporary directory.
    expect(chat.screen(60, 14).slice(0, -1)).toEqual([
      " show the env                                               ",
      "                                                            ",
      " bash cat settings.txt                                      ",
      "  user=me                                                   ",
      "  API_KEY=[redacted]                                        ",
      "  db_password: [redacted]                                   ",
      "                                                            ",
      "  exit code: 0                                              ",
      "                                                            ",
      "done                                                        ",
      "╭──────────────────────────────────────────────────────────╮",
      "│ Type a message (/ for commands)                          │",
      "╰──────────────────────────────────────────────────────────╯",
    ]);
  });

  it("a read of .env reads .env.example instead", async () => {
    const server = await serve([
      (res) => respond(res, toolFrames("call_1", "read", { path: ".env" })),
      (res) => respond(res, textFrames("done")),
    ]);
    const p = project(server.origin);
    p.write(".env", "TOKEN=live-secret\n");
    p.write(".env.example", "TOKEN=\nREGION=eu\n");
    const chat = chatWith(p, "tool-redactor.lua");
    await chat.loop.run("read .env");
    const tool = transcriptOf(server.requests[1]!).at(-1)!;
    expect(tool).toContain("REGION=eu");
    expect(tool).not.toContain("live-secret");
  });
});
