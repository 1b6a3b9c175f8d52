import { describe, expect, it } from "vitest";
import { statusText } from "../../engine/chat/status-line.js";
import { formatSessionShow } from "../../engine/session/index.js";
import { answerFrames, loopbackPerTest, openLoop, project, respond } from "./agent-fixture.js";

const serve = loopbackPerTest();
const PRICED = ["models:", "  local/m1:", "    price: {input: 3, output: 15}"].join("\n");

describe("session cost", () => {
  it("adds each response's cost at the configured prices to the status line and stores it with the message", async () => {
    // 2000 prompt tokens at $3/M and 10 output tokens at $15/M: $0.00615 a response.
    const server = await serve([(res) => respond(res, answerFrames(["Hello."], 2000))]);
    const p = project(server.origin, PRICED);
    const chat = openLoop(p);
    chat.loop.start(false);
    await chat.loop.run("hi");
    const status = () => chat.rt.buffers.get("status")!;
    expect(status().metadata.cost_usd).toBeCloseTo(0.00615, 10);
    expect(statusText(status().metadata)).toMatch(/^local\/m1 · ctx \d+% of 33k · \$0\.006 · /);
    await chat.loop.run("again");
    expect(statusText(status().metadata)).toMatch(/ · \$0\.012 · /);
    const stored = chat.store.loadMessages(chat.loop.session.id).filter((m) => m.kind === "assistant");
    expect(stored.map((m) => m.payload)).toEqual([
      { usage: { input: 2000, output: 10 }, cost_usd: 0.00615 },
      { usage: { input: 2000, output: 10 }, cost_usd: 0.00615 },
    ]);
    const show = formatSessionShow(chat.store.get(chat.loop.session.id)!, chat.store.loadMessages(chat.loop.session.id));
    expect(show[2]).toBe("tokens 4,000 in · 20 out · cost $0.012");
    chat.close();
  });

  it("shows no cost while the model's price is unknown, and session show gives the tokens alone", async () => {
    const server = await serve([(res) => respond(res, answerFrames(["Hello."], 2000))]);
    const chat = openLoop(project(server.origin));
    chat.loop.start(false);
    await chat.loop.run("hi");
    expect(chat.rt.buffers.get("status")!.metadata.cost_usd).toBeUndefined();
    expect(statusText(chat.rt.buffers.get("status")!.metadata)).not.toContain("$");
    const show = formatSessionShow(chat.store.get(chat.loop.session.id)!, chat.store.loadMessages(chat.loop.session.id));
    expect(show[2]).toBe("tokens 2,000 in · 10 out");
    chat.close();
  });

  it("a resumed session starts from the cost stored so far", async () => {
    const server = await serve([(res) => respond(res, answerFrames(["Hello."], 2000))]);
    const p = project(server.origin, PRICED);
    const first = openLoop(p);
    first.loop.start(false);
    await first.loop.run("hi");
    const id = first.loop.session.id;
    first.close();
    const again = openLoop(p, { sessionId: id });
    again.loop.start(true);
    expect(statusText(again.rt.buffers.get("status")!.metadata)).toMatch(/ · \$0\.006 · /);
    again.close();
  });
});
