import { describe, expect, it } from "vitest";
import { sseThenStall } from "../model/loopback-server.js";
import { loopbackPerTest, openLoop, project, respond, textFrames } from "./agent-fixture.js";
import { stockScreen, until } from "./stock-screen.js";

const serve = loopbackPerTest();

async function chatWithTwoPrompts() {
  const server = await serve([(res) => respond(res, textFrames("answer one")), (res) => respond(res, textFrames("answer two"))]);
  const chat = openLoop(project(server.origin));
  chat.loop.start(false);
  await chat.loop.run("first question");
  await chat.loop.run("second question");
  const last = () => chat.rt.buffers.getBlocks("transcript").at(-1)!.text;
  return { server, chat, last, original: chat.loop.session.id };
}

describe("sessions as a tree in the chat", () => {
  it("/fork lists the prompts it can branch before", async () => {
    const { chat, last } = await chatWithTwoPrompts();
    await chat.loop.run("/fork");
    expect(last().split("\n")).toEqual([
      "Prompts (/fork N branches before prompt N and puts it in the composer to edit):",
      "  1  first question",
      "  2  second question",
    ]);
  });

  it("/fork N opens a new session holding what came before prompt N and puts prompt N in the composer", async () => {
    const { chat, last, original } = await chatWithTwoPrompts();
    await chat.loop.run("/fork 2");
    const forked = chat.loop.session;
    expect(forked.id).not.toBe(original);
    expect(forked.parentId).toBe(original);
    expect(last()).toBe(`Forked into session ${forked.id} before prompt 2; edit it and press enter.`);
    expect(chat.store.loadMessages(forked.id).map((m) => `${m.kind}: ${m.text}`)).toEqual(["user: first question", "assistant: answer one"]);
    expect(chat.rt.buffers.getText("composer")).toBe("second question");
    expect(chat.store.loadMessages(original)).toHaveLength(4);
  });

  it("/fork lists a shell escape as typed (`!cmd`), and forking before it puts `!cmd` back in the composer", async () => {
    const { chat, last } = await chatWithTwoPrompts();
    await chat.loop.run("!echo hello");
    await chat.loop.run("/fork");
    expect(last().split("\n").at(-1)).toBe("  3  !echo hello");
    await chat.loop.run("/fork 3");
    expect(chat.rt.buffers.getText("composer")).toBe("!echo hello");
  });

  it("/fork with a number out of range says which numbers exist", async () => {
    const { chat, last } = await chatWithTwoPrompts();
    await chat.loop.run("/fork 3");
    expect(last()).toBe('/fork: expected a prompt number from 1 to 2, got "3"');
  });

  it("/clone copies the whole session and /tree shows both, marking the current one", async () => {
    const { chat, last, original } = await chatWithTwoPrompts();
    await chat.loop.run("/clone");
    const clone = chat.loop.session.id;
    expect(chat.store.loadMessages(clone)).toHaveLength(4);
    await chat.loop.run("/tree");
    const lines = last().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${original}  `));
    expect(lines[1]).toMatch(new RegExp(`^└─ ${clone} \\*  .*  4 msgs  -  \\(fork after message 4\\)$`));
  });

  it("/clear starts a new empty session and the old one stays stored", async () => {
    const { chat, original } = await chatWithTwoPrompts();
    await chat.loop.run("/clear");
    expect(chat.loop.session.id).not.toBe(original);
    expect(chat.rt.buffers.getBlocks("transcript").filter((b) => b.kind !== "system")).toEqual([]);
    expect(chat.store.get(original)!.messageCount).toBe(4);
  });

  it("/clone typed while an answer streams is refused with one error line", async () => {
    const server = await serve([sseThenStall(textFrames("partial").slice(0, 2))]);
    const chat = openLoop(project(server.origin));
    chat.loop.start(false);
    const ui = stockScreen(chat, 60, 12);
    ui.keys("hi<cr>");
    await until(() => chat.rt.buffers.getBlocks("transcript").some((b) => b.text === "partial"));
    ui.keys("/clone<cr>");
    expect(chat.rt.buffers.getBlocks("transcript").map((b) => `${b.kind}: ${b.text}`)).toEqual([
      "message: hi",
      "message: partial",
      "error: /clone: expected an idle chat, got a running request (escape interrupts it)",
    ]);
    chat.loop.interrupt();
    await chat.loop.idle();
  });
});
