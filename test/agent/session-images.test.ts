import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatSessionShow } from "../../engine/session/index.js";
import { attachWord, type Attachment } from "../../engine/tools/image-paths.js";
import { pngBytes } from "../support/png.js";
import { loopbackPerTest, openLoop, project, respond, textFrames, toolFrames } from "./agent-fixture.js";

const serve = loopbackPerTest();
const IMAGES = ["models:", "  local/m1:", "    images: true"].join("\n");

// A real session in SQLite: a prompt with an attached image, then a read that returned one.
async function sessionWithImages() {
  const server = await serve([
    (res) => respond(res, toolFrames("call_1", "read", { path: "shot.png" })),
    (res) => respond(res, textFrames("Both are red.")),
  ]);
  const p = project(server.origin, IMAGES);
  const file = p.write("drop/dot.png", pngBytes(3, 2) as unknown as string);
  p.write("shot.png", pngBytes(2, 2) as unknown as string);
  const chat = openLoop(p);
  chat.loop.start(false);
  await chat.loop.run("compare drop/dot.png with the screenshot");
  return { p, chat, file, dot: pngBytes(3, 2).length, shot: pngBytes(2, 2).length };
}

describe("a session's images in session show and /export", () => {
  it("session show lists each message's images: name, type, dimensions, size and the file", async () => {
    const { chat, file, dot, shot } = await sessionWithImages();
    const id = chat.loop.session.id;
    expect(formatSessionShow(chat.loop.store.get(id)!, chat.loop.store.loadMessages(id)).slice(3)).toEqual([
      "user: compare drop/dot.png with the screenshot",
      `  image dot.png (image/png, 3x2, ${dot} B) from ${file}`,
      "assistant:",
      '  call read {"path":"shot.png"}',
      `tool_result read: read: shot.png: png image, 2x2, ${shot} B (attached)`,
      `  image (image/png, 2x2, ${shot} B)`,
      "assistant: Both are red.",
    ]);
    chat.close();
  });

  it("/export lists them under the prompt and the tool result, without their bytes", async () => {
    const { p, chat, file, dot, shot } = await sessionWithImages();
    await chat.loop.run("/export out.md");
    expect(readFileSync(join(p.cwd, "out.md"), "utf8").split("\n").slice(4)).toEqual([
      "## User", "", "compare drop/dot.png with the screenshot", "", `- Image \`dot.png\` (image/png, 3x2, ${dot} B) from \`${file}\``,
      "", "**Tool call** `read`", "", "```json", '{"path":"shot.png"}', "```",
      "", "**Tool result** `read`", "", "```", `read: shot.png: png image, 2x2, ${shot} B (attached)`, "```",
      "", `- Image (image/png, 2x2, ${shot} B)`,
      "", "## Assistant", "", "Both are red.", "",
    ]);
    chat.close();
  });

  it("a prompt of images alone is stored and shown as its images under an empty user line", async () => {
    const server = await serve([(res) => respond(res, textFrames("A red square."))]);
    const p = project(server.origin, IMAGES);
    const file = p.write("shot.png", pngBytes(2, 2) as unknown as string);
    const chip = (await attachWord(file, p.cwd, [])) as Attachment;
    const chat = openLoop(p, { takeAttachments: () => [chip] });
    chat.loop.start(false);
    await chat.loop.run("");
    const id = chat.loop.session.id;
    expect(formatSessionShow(chat.loop.store.get(id)!, chat.loop.store.loadMessages(id)).slice(3)).toEqual([
      "user:",
      `  image shot.png (image/png, 2x2, ${chip.bytes} B) from ${file}`,
      "assistant: A red square.",
    ]);
    chat.close();
  });

  it("a prompt with no text whose images could not be sent sends nothing and says so", async () => {
    const server = await serve([(res) => respond(res, textFrames("never"))]);
    const p = project(server.origin);
    const file = p.write("shot.png", pngBytes(2, 2) as unknown as string);
    const chip = (await attachWord(file, p.cwd, [])) as Attachment;
    const chat = openLoop(p, { takeAttachments: () => [chip] });
    chat.loop.start(false);
    expect((await chat.loop.run("")).stopReason).toBe("error");
    expect(server.requests).toEqual([]);
    expect(chat.rt.buffers.getBlocks("transcript").map((b) => b.text)).toEqual(["attach: local/m1 does not accept images; 1 attached image(s) not sent"]);
    chat.close();
  });
});
