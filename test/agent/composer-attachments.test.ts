import { describe, expect, it } from "vitest";
import { ComposerAttachments } from "../../engine/chat/composer-attachments.js";
import { pngBytes } from "../support/png.js";
import { loopbackPerTest, openLoop, project, respond, textFrames, type Project } from "./agent-fixture.js";
import { stockScreen, until } from "./stock-screen.js";

const serve = loopbackPerTest();
const IMAGES = ["models:", "  local/m1:", "    images: true"].join("\n");

function chatWithTray(p: Project) {
  let tray: ComposerAttachments | undefined;
  const chat = openLoop(p, { takeAttachments: () => tray!.take() });
  const ui = stockScreen(chat, 50, 8);
  tray = new ComposerAttachments(chat.rt, p.cwd, () => ({ label: chat.loop.model.label, images: chat.loop.model.info.images }));
  chat.loop.start(false);
  const attached = async (n: number) => {
    await until(() => tray!.attachments.length >= n);
    expect(tray!.attachments).toHaveLength(n);
  };
  return { ...chat, ...ui, tray: () => tray!, attached };
}

describe("image chips in the composer", () => {
  it("a pasted image path becomes a chip above the text and is sent with the next prompt", async () => {
    const server = await serve([(res) => respond(res, textFrames("A red square."))]);
    const p = project(server.origin, IMAGES);
    const png = pngBytes(2, 2);
    const file = p.write("drop/shot 1.png", png as unknown as string);
    const chat = chatWithTray(p);
    chat.stock.paste(`'${file}'`);
    await chat.attached(1);
    chat.keys("what is it?");
    expect(chat.screen()).toEqual([
      "",
      "",
      "",
      "╭─ message ──────────────────────────────────────╮",
      `│ [image shot 1.png 2x2 · ${png.length} B]`.padEnd(49) + "│",
      "│ what is it?                                    │",
      "╰────────────────────────────────────────────────╯",
      "local/m1",
    ]);
    chat.keys("<cr>");
    await chat.loop.idle();
    expect(server.requests[0]!.body.messages[1]).toEqual({ role: "user", content: [
      { type: "text", text: "what is it?" },
      { type: "image_url", image_url: { url: `data:image/png;base64,${png.toString("base64")}` } },
    ] });
    expect(chat.tray().attachments).toEqual([]);
    // The chip went with the prompt: the composer is back to one empty row.
    expect(chat.rt.buffers.getText("composer")).toBe("");
    expect(chat.screen().slice(-4).map((l) => l.slice(0, 3))).toEqual(["╭─ ", "│ e", "╰──", "loc"]);
    chat.close();
  });

  it("backspace at the start of the composer takes the last chip back; text that is not an image path pastes as text", async () => {
    const server = await serve([(res) => respond(res, textFrames("ok"))]);
    const p = project(server.origin, IMAGES);
    const file = p.write("a.png", pngBytes(1, 1) as unknown as string);
    const chat = chatWithTray(p);
    chat.stock.paste(file);
    await chat.attached(1);
    chat.keys("<bs>");
    expect(chat.tray().attachments).toEqual([]);
    chat.stock.paste("missing.png and more");
    expect(chat.rt.buffers.getText("composer")).toBe("missing.png and more");
    chat.close();
  });

  it("says why a pasted image is not attached to a model without images, and pastes the path as text", async () => {
    const server = await serve([(res) => respond(res, textFrames("ok"))]);
    const p = project(server.origin);
    const file = p.write("a.png", pngBytes(1, 1) as unknown as string);
    const chat = chatWithTray(p);
    chat.stock.paste(file);
    expect(chat.tray().attachments).toEqual([]);
    expect(chat.rt.buffers.getText("composer")).toBe(file);
    expect(chat.rt.buffers.getBlocks("transcript").at(-1)).toMatchObject({ kind: "error", text: `attach: ${file}: local/m1 does not accept images; not attached` });
    chat.close();
  });
});
