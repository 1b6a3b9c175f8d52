// prompt_submit from the stock composer, as the original emits it: while the draft is still in the
// composer, with the submitting key and the delivery; consumed, the draft stays to be edited.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ComposerAttachments } from "../../engine/chat/composer-attachments.js";
import { ExtensionHost } from "../../lua/extension-host.js";
import { pngBytes } from "../support/png.js";
import { loopbackPerTest, openLoop, project, respond, textFrames, transcriptOf, type Project } from "./agent-fixture.js";
import { stockScreen, until } from "./stock-screen.js";

const serve = loopbackPerTest();
const FIXTURES = join(import.meta.dirname, "../fixtures/upstream");
const IMAGES = ["models:", "  local/m1:", "    images: true"].join("\n");

function chatWith(p: Project, file: string) {
  let tray: ComposerAttachments | undefined;
  const chat = openLoop(p, { takeAttachments: () => tray!.take() });
  const ui = stockScreen(chat, 50, 9);
  tray = new ComposerAttachments(chat.rt, p.cwd, () => ({ label: chat.loop.model.label, images: chat.loop.model.info.images }));
  const host = new ExtensionHost(chat.rt, { cwd: p.cwd, home: p.home });
  host.loadPaths([file]);
  chat.loop.start(false);
  return { ...chat, ...ui, tray: () => tray!, logs: () => host.extensions().flatMap((e) => e.logs) };
}

describe("prompt_submit from the composer", () => {
  it("consumed by the guide's example: nothing is sent, its block shows, the draft (text and image chip) stays in the composer", async () => {
    const server = await serve([(res) => respond(res, textFrames("never sent"))]);
    const p = project(server.origin, IMAGES);
    const png = pngBytes(2, 2);
    const image = p.write("shot.png", png as unknown as string);
    const chat = chatWith(p, join(FIXTURES, "on-prompt-submit.lua"));
    chat.stock.paste(image);
    await until(() => chat.tray().attachments.length === 1);
    chat.keys("fix the bug<cr>");
    await chat.loop.idle();
    expect([server.requests.length, chat.rt.errors]).toEqual([0, []]);
    expect(chat.screen()).toEqual([
      "",
      "",
      " extension intercepted submit",
      "",
      "╭─ message ──────────────────────────────────────╮",
      `│ [image shot.png 2x2 · ${png.length} B]`.padEnd(49) + "│",
      "│ fix the bug                                    │",
      "╰────────────────────────────────────────────────╯",
      "local/m1",
    ]);
    expect(chat.tray().attachments).toHaveLength(1);
    chat.close();
  });

  it("reports the key and the delivery: enter idle is a prompt; while a request runs enter steers and alt+enter queues a follow-up", async () => {
    let release = () => {};
    const server = await serve([(res) => void (release = () => respond(res, textFrames("done")))]);
    const p = project(server.origin);
    const file = p.write("delivery.lua", `librecode.on("prompt_submit", function(ev)
  librecode.log(ev.key .. ":" .. tostring(ev.alt) .. ":" .. ev.data.delivery .. ":" .. ev.composer.text)
  if ev.data.delivery ~= "prompt" then librecode.event.consume() end
end)`);
    const chat = chatWith(p, file);
    chat.keys("go<cr>");
    await until(() => server.requests.length === 1);
    chat.keys("later<m-cr>");
    expect(chat.rt.buffers.getText("composer")).toBe("later");
    chat.keys("<cr>");
    expect(chat.rt.buffers.getText("composer")).toBe("later");
    release();
    await chat.loop.idle();
    expect(chat.logs()).toEqual(["enter:false:prompt:go", "enter:true:follow_up:later", "enter:false:steer:later"]);
    // Neither the follow-up nor the steering message went anywhere.
    expect([server.requests.length, chat.loop.queued()]).toEqual([1, []]);
    chat.close();
  });

  it("runs once per prompt, before input; the composer's text or data.text as the handler left it is what is sent", async () => {
    const server = await serve([(res) => respond(res, textFrames("one")), (res) => respond(res, textFrames("two"))]);
    const p = project(server.origin);
    const file = p.write("rewrite.lua", `librecode.on("prompt_submit", function(ev)
  librecode.log("prompt_submit " .. ev.data.text)
  if ev.data.text == "a" then librecode.buf.set_text("composer", "mutated by extension") end
  if ev.data.text == "b" then ev.data.text = "rewritten" end
end)
librecode.on("input", function(ev) librecode.log("input " .. ev.payload.text) end)`);
    const chat = chatWith(p, file);
    chat.keys("a<cr>");
    await chat.loop.idle();
    chat.keys("b<cr>");
    await chat.loop.idle();
    expect(chat.rt.errors).toEqual([]);
    expect(chat.logs()).toEqual(["prompt_submit a", "input mutated by extension", "prompt_submit b", "input rewritten"]);
    expect(transcriptOf(server.requests[1]!).slice(1)).toEqual(["user: mutated by extension", "assistant: one", "user: rewritten"]);
    expect(chat.rt.buffers.getText("composer")).toBe("");
    // up recalls what was sent.
    chat.keys("<up>");
    expect(chat.rt.buffers.getText("composer")).toBe("rewritten");
    chat.close();
  });

  it("runs once for a follow-up or a steering message typed while a request runs, when it is typed, not again when it runs", async () => {
    let release = () => {};
    const server = await serve([
      (res) => void (release = () => respond(res, textFrames("first"))),
      (res) => respond(res, textFrames("second")),
      (res) => respond(res, textFrames("third")),
    ]);
    const p = project(server.origin);
    const file = p.write("count.lua", `librecode.on("prompt_submit", function(ev) librecode.log(ev.data.delivery .. " " .. ev.data.text) end)`);
    const chat = chatWith(p, file);
    chat.keys("go<cr>");
    await until(() => server.requests.length === 1);
    chat.keys("later<m-cr>now<cr>");
    release();
    await chat.loop.idle();
    expect(chat.logs()).toEqual(["prompt go", "follow_up later", "steer now"]);
    expect(server.requests.map((r) => transcriptOf(r).at(-1))).toEqual(["user: go", "user: now", "user: later"]);
    chat.close();
  });
});
