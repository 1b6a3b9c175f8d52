import { describe, expect, it } from "vitest";
import { loopbackPerTest, openLoop, project, respond, textFrames, toolFrames } from "./agent-fixture.js";

const serve = loopbackPerTest();

const reasoning = (text: string) =>
  `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m1", choices: [{ index: 0, delta: { reasoning_content: text }, finish_reason: null }] })}\n\n`;

describe("the thinking pane", () => {
  it("separates the thinking of consecutive turns by a blank line", async () => {
    const server = await serve([
      (res) => respond(res, [reasoning("List the directory."), ...toolFrames("call_1", "ls", { path: "." })]),
      (res) => respond(res, [reasoning("The listing came back."), ...textFrames("Done")]),
    ]);
    const chat = openLoop(project(server.origin));
    await chat.loop.run("hi");
    expect(chat.rt.buffers.getText("thinking")).toBe("List the directory.\n\nThe listing came back.");
    const blocks = chat.rt.buffers.getBlocks("transcript").filter((b) => b.kind === "thinking").map((b) => b.text);
    expect(blocks).toEqual(["List the directory.", "The listing came back."]);
  });

  it("starts empty for each run: a new prompt drops the last run's thinking", async () => {
    const server = await serve([
      (res) => respond(res, [reasoning("First thoughts."), ...textFrames("One")]),
      (res) => respond(res, [reasoning("Second thoughts."), ...textFrames("Two")]),
    ]);
    const chat = openLoop(project(server.origin));
    await chat.loop.run("one");
    expect(chat.rt.buffers.getText("thinking")).toBe("First thoughts.");
    await chat.loop.run("two");
    expect(chat.rt.buffers.getText("thinking")).toBe("Second thoughts.");
  });
});
