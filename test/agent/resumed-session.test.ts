// A resumed session goes on as it was left: with the model it was using (/model's choice is stored
// with the session; --provider/--model still win), and showing why a failed prompt has no answer.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonError, type Handler } from "../model/loopback-server.js";
import { loopbackPerTest, openLoop, project, respond, textFrames } from "./agent-fixture.js";

const serve = loopbackPerTest();
const answer = (text: string): Handler => (res) => respond(res, textFrames(text));
const TWO_MODELS = "    models: [m1, m2]";

async function talkedWithM2() {
  const p = project((await serve([answer("one")])).origin);
  // The fixture's provider lists m1 only: a second model for /model to switch to.
  const cfg = join(p.home, "config.yaml");
  writeFileSync(cfg, readFileSync(cfg, "utf8").replace("    models: [m1]", TWO_MODELS));
  const chat = openLoop(p);
  chat.loop.start(false);
  await chat.loop.run("/model local/m2");
  await chat.loop.run("hello");
  chat.close();
  return p;
}

describe("resuming a session's model", () => {
  it("--resume goes on with the model the session last used", async () => {
    const p = await talkedWithM2();
    const resumed = openLoop(p, { resume: true });
    expect(`${resumed.loop.model.providerId}/${resumed.loop.model.model}`).toBe("local/m2");
    resumed.close();
  });

  it("--model on the command line wins over the session's", async () => {
    const p = await talkedWithM2();
    const resumed = openLoop(p, { resume: true, model: "m1" });
    expect(`${resumed.loop.model.providerId}/${resumed.loop.model.model}`).toBe("local/m1");
    resumed.close();
  });

  it("a new session starts on the configured model", async () => {
    const p = await talkedWithM2();
    const fresh = openLoop(p);
    expect(`${fresh.loop.model.providerId}/${fresh.loop.model.model}`).toBe("local/m1");
    fresh.close();
  });
});

describe("a failed request in a resumed session", () => {
  it("shows its error under the prompt, as the live chat did, without sending it to the model", async () => {
    const server = await serve([jsonError(400, { error: { message: "model m1 is not available" } }), answer("fine now")]);
    const p = project(server.origin);
    const chat = openLoop(p);
    chat.loop.start(false);
    await chat.loop.run("first try");
    const error = chat.rt.buffers.getBlocks("transcript").at(-1)!;
    chat.close();
    const resumed = openLoop(p, { resume: true });
    resumed.loop.start(true);
    const blocks = resumed.rt.buffers.getBlocks("transcript").map((b) => `${b.kind}: ${b.text}`);
    expect(blocks.slice(-2)).toEqual(["message: first try", `error: ${error.text}`]);
    await resumed.loop.run("again");
    const sent = server.requests.at(-1)!.body as { messages: { role: string; content: unknown }[] };
    expect(sent.messages.filter((m) => m.role !== "system").map((m) => m.role)).toEqual(["user", "user"]);
    resumed.close();
  });
});
