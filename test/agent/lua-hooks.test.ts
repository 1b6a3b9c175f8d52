import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExtensionHost } from "../../lua/extension-host.js";
import { KEY, loopbackPerTest, openLoop, project, respond, textFrames, toolFrames, transcriptOf } from "./agent-fixture.js";

const serve = loopbackPerTest();

const EXTENSION = `
local seen = {}
librecode.on("context_build", function(ev)
  table.insert(ev.payload.contributions, "From Lua: the project uses tabs.")
end)
librecode.on("tool_call", function(ev)
  ev.payload.arguments.path = "b.txt"
end)
librecode.on("tool_result", function(ev)
  ev.payload.content = string.gsub(ev.payload.content, "beta", "b***")
end)
librecode.on("before_provider_request", function(ev)
  table.insert(seen, ev.payload.headers.authorization)
  ev.payload.headers.authorization = "Bearer from-lua"
  ev.payload.body.temperature = 0.5
end)
librecode.on("model_delta", function(ev)
  table.insert(seen, "delta " .. ev.data.text)
end)
librecode.on("agent_end", function(ev)
  librecode.buf.set_var("status", "seen", table.concat(seen, ","))
end)
`;

describe("Lua handlers on the chat loop's events", () => {
  it("rewrite arguments, results, context and the request body through payload tables", async () => {
    const server = await serve([
      (res) => respond(res, toolFrames("call_1", "read", { path: "a.txt" })),
      (res) => respond(res, textFrames("ok")),
    ]);
    const p = project(server.origin);
    p.write("a.txt", "alpha\n");
    p.write("b.txt", "beta\n");
    const file = join(p.root, "hooks.lua");
    writeFileSync(file, EXTENSION);
    const chat = openLoop(p);
    new ExtensionHost(chat.rt, { cwd: p.cwd, home: p.home }).loadPaths([file]);
    chat.loop.start(false);
    const r = await chat.loop.run("read a");
    expect(chat.rt.errors).toEqual([]);
    expect(r.stopReason).toBe("stop");
    const [first, second] = server.requests;
    expect(first!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(first!.body.temperature).toBe(0.5);
    expect(first!.body.messages[0].content).toMatch(/\n\nFrom Lua: the project uses tabs\.$/);
    expect(transcriptOf(second!).slice(-1)).toEqual(["tool:      1\tb***"]);
    expect(chat.rt.buffers.getVar("status", "seen")).toBe("[redacted],[redacted],delta ok");
  });
});
