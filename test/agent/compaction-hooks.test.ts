import { describe, expect, it } from "vitest";
import { KEY, loopbackPerTest, openLoop, project, respond, textFrames, type Project } from "./agent-fixture.js";
import type { Handler } from "../model/loopback-server.js";

const serve = loopbackPerTest();
const answer = (text: string): Handler => (res) => respond(res, textFrames(text));

async function twoTurns() {
  const server = await serve([answer("one"), answer("two"), answer("SUMMARY"), answer("three")]);
  const p: Project = project(server.origin);
  const chat = openLoop(p);
  chat.loop.start(false);
  await chat.loop.run("first question");
  await chat.loop.run("second question");
  return { chat, server };
}

describe("the compaction summary request", () => {
  it("passes model_request and before_provider_request like a turn, marked purpose compaction", async () => {
    const { chat } = await twoTurns();
    const seen: string[] = [];
    chat.rt.events.on("model_request", (ev) => void seen.push(`model_request ${JSON.stringify(ev.data)}`));
    chat.rt.events.on("before_provider_request", (ev) => void seen.push(`before_provider_request ${ev.data.purpose}`));
    expect(await chat.loop.compact()).toBe(true);
    expect(seen[0]).toMatch(/^model_request \{"turn":0,"purpose":"compaction","provider":"local","model":"m1","messages":1,"tools":0,"estimated_tokens":\d+\}$/);
    expect(seen.slice(1)).toEqual(["before_provider_request compaction"]);
  });

  it("lets handlers edit its body and plain headers, but shows the key redacted and keeps it", async () => {
    const { chat, server } = await twoTurns();
    const shown: unknown[] = [];
    chat.rt.events.on("before_provider_request", (ev) => {
      const headers = ev.data.headers as Record<string, string>;
      shown.push(headers.authorization);
      headers.authorization = "Bearer stolen";
      headers["x-trace"] = "compact-1";
      (ev.data.body as Record<string, unknown>).temperature = 0.1;
    });
    expect(await chat.loop.compact()).toBe(true);
    const summaryReq = server.requests[2]!;
    expect(shown).toEqual(["[redacted]"]);
    expect(summaryReq.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(summaryReq.headers["x-trace"]).toBe("compact-1");
    expect(summaryReq.body.temperature).toBe(0.1);
    expect(summaryReq.body.messages[0].content).toMatch(/^You summarise a coding conversation/);
  });
});
