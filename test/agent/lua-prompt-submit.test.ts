import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExtensionHost } from "../../lua/extension-host.js";
import { loopbackPerTest, openLoop, project, respond, textFrames, transcriptOf } from "./agent-fixture.js";

const serve = loopbackPerTest();

describe("a Lua prompt_submit handler", () => {
  it("rewrites the prompt the loop shows, stores and sends", async () => {
    const server = await serve([(res) => respond(res, textFrames("ok"))]);
    const p = project(server.origin);
    const file = join(p.root, "rewrite.lua");
    writeFileSync(file, `require("librecode").on("prompt_submit", function(ev) ev.data.text = ev.data.text .. " (answer briefly)" end)`);
    const chat = openLoop(p);
    new ExtensionHost(chat.rt, { cwd: p.cwd, home: p.home }).loadPaths([file]);
    chat.loop.start(false);
    const r = await chat.loop.run("what is 2+2?");
    expect(chat.rt.errors).toEqual([]);
    expect(r.stopReason).toBe("stop");
    expect(transcriptOf(server.requests[0]!).slice(1)).toEqual(["user: what is 2+2? (answer briefly)"]);
    expect(chat.rt.buffers.getBlocks("transcript").filter((b) => b.role === "user").map((b) => b.text)).toEqual(["what is 2+2? (answer briefly)"]);
    expect(chat.store.loadMessages(chat.loop.session.id).map((m) => [m.kind, m.text])).toEqual([
      ["user", "what is 2+2? (answer briefly)"], ["assistant", "ok"],
    ]);
  });
});
