import { describe, expect, it } from "vitest";
import { loopbackPerTest, openLoop, project, respond, textFrames } from "../agent/agent-fixture.js";
import { stockScreen } from "../agent/stock-screen.js";

const serve = loopbackPerTest();
const SKILL = "---\nname: release\ndescription: Cut a release (bump, tag, notes).\n---\nBump the version in package.json.\n";

async function setup() {
  const server = await serve([(res) => respond(res, textFrames("done"))]);
  const p = project(server.origin);
  p.write(".librecode/skills/release/SKILL.md", SKILL);
  const chat = openLoop(p);
  await chat.skills.ready;
  chat.loop.start(false);
  return { server, p, chat };
}

describe("skills in the chat", () => {
  it("registers /skill:NAME with the skill's description, for completion", async () => {
    const { chat } = await setup();
    expect(chat.rt.commands.get("skill:release")).toMatchObject({ desc: "Cut a release (bump, tag, notes).", owner: "host" });
  });

  it("advertises the skill in the system prompt the model receives", async () => {
    const { server, chat } = await setup();
    await chat.loop.run("hi");
    const system = server.requests[0]!.body.messages[0].content as string;
    expect(system).toContain("- release: Cut a release (bump, tag, notes). (.librecode/skills/release/SKILL.md)");
    expect(system).not.toContain("Bump the version");
  });

  it("/skill:NAME sends the body and the request as the user's message", async () => {
    const { server, chat } = await setup();
    await chat.loop.run("/skill:release 2.0.0");
    await chat.loop.idle();
    expect(server.requests[0]!.body.messages.at(-1)).toEqual({
      role: "user",
      content: '<skill name="release" path=".librecode/skills/release/SKILL.md">\nBump the version in package.json.\n</skill>\n\n2.0.0',
    });
  });

  it("/skill re-reads the roots and lists what it found", async () => {
    const { p, chat } = await setup();
    p.write(".agents/skills/review/SKILL.md", "---\nname: review\ndescription: Review a diff.\n---\nLook.\n");
    await chat.loop.run("/skill");
    expect(chat.rt.buffers.getBlocks("transcript").at(-1)!.text.split("\n")).toEqual([
      "Skills (/skill:NAME REQUEST sends one):",
      "/skill:release  Cut a release (bump, tag, notes).",
      "/skill:review   Review a diff.",
    ]);
    expect(chat.rt.commands.get("skill:review")).toBeDefined();
  });

  it("/skill:NAME naming no skill says the skill is unknown and which exist, keeping the typed text", async () => {
    const { chat } = await setup();
    const ui = stockScreen(chat, 70, 8);
    ui.keys("/skill:nope now<cr>");
    // The last row, the status line, holds the temporary project's path.
    expect(ui.screen().slice(0, 7)).toEqual([
      "",
      "",
      "",
      "unknown skill: nope (skills: release; /skill lists them)",
      "╭─ message ──────────────────────────────────────────────────────────╮",
      "│ /skill:nope now                                                    │",
      "╰────────────────────────────────────────────────────────────────────╯",
    ]);
  });

  it("/skill:NAME with no skills at all says none is loaded and where /skill tells to put them", async () => {
    const server = await serve([]);
    const chat = openLoop(project(server.origin));
    await chat.skills.ready;
    chat.loop.start(false);
    await chat.loop.run("/skill:nope");
    expect(chat.rt.buffers.getBlocks("transcript").at(-1)!.text).toBe("unknown skill: nope (no skills are loaded; /skill says where to put them)");
  });
});
