import { describe, expect, it } from "vitest";
import { loopbackPerTest, openLoop, project, respond, textFrames } from "./agent-fixture.js";

const serve = loopbackPerTest();

describe("a model response past the size cap", () => {
  it("is cut at 4 MiB characters: what arrived stays, and the turn ends with an error naming the cap", async () => {
    const piece = "x".repeat(1024 * 1024);
    const server = await serve([(res) => respond(res, textFrames(piece, piece, piece, piece, piece, piece))]);
    const chat = openLoop(project(server.origin));
    chat.loop.start(false);
    chat.loop.submit("say a lot");
    await chat.loop.idle();
    const blocks = chat.rt.buffers.getBlocks("transcript");
    const answer = blocks.find((b) => b.kind === "message" && b.role === "assistant")!;
    expect(answer.text.length).toBe(4 * 1024 * 1024);
    expect(blocks.some((b) => b.text.includes("local: response longer than 4194304 characters; stopped reading it"))).toBe(true);
  });
});
