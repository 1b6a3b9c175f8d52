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
    // Typed, it stays text too (no file is read).
    chat.keys(" ");
    expect(chat.rt.buffers.getText("composer")).toBe(`${file} `);
    expect(chat.rt.buffers.getBlocks("transcript").at(-1)).toMatchObject({ kind: "error", text: `attach: ${file}: local/m1 does not accept images; not attached` });
    chat.close();
  });

  it("a typed image path becomes a chip once a space follows it; the words around it close up", async () => {
    const server = await serve([(res) => respond(res, textFrames("A red square."))]);
    const p = project(server.origin, IMAGES);
    const png = pngBytes(2, 2);
    p.write("shot.png", png as unknown as string);
    const chat = chatWithTray(p);
    chat.keys("what is shot.png ");
    await chat.attached(1);
    chat.keys("in it?");
    expect(chat.screen().slice(3)).toEqual([
      "╭─ message ──────────────────────────────────────╮",
      `│ [image shot.png 2x2 · ${png.length} B]`.padEnd(49) + "│",
      "│ what is in it?                                 │",
      "╰────────────────────────────────────────────────╯",
      "local/m1",
    ]);
    chat.keys("<cr>");
    await chat.loop.idle();
    expect(server.requests[0]!.body.messages[1]).toEqual({ role: "user", content: [
      { type: "text", text: "what is in it?" },
      { type: "image_url", image_url: { url: `data:image/png;base64,${png.toString("base64")}` } },
    ] });
    chat.close();
  });

  it("an image picked from @ completion becomes a chip when accepted", async () => {
    const server = await serve([(res) => respond(res, textFrames("ok"))]);
    const p = project(server.origin, IMAGES);
    const png = pngBytes(3, 1);
    p.write("shots/red.png", png as unknown as string);
    const chat = chatWithTray(p);
    chat.keys("compare @shots/re");
    await chat.stock.files.settled();
    expect(chat.stock.completion()?.items.map((i) => i.name)).toEqual(["shots/red.png"]);
    chat.keys("<tab>");
    await chat.attached(1);
    expect(chat.screen().slice(4, 6)).toEqual([
      `│ [image red.png 3x1 · ${png.length} B]`.padEnd(49) + "│",
      "│ compare                                        │",
    ]);
    expect(chat.rt.buffers.getText("composer")).toBe("compare ");
    chat.close();
  });

  it("backspace over the chips (at the start of the text) removes a typed image's attachment, newest first", async () => {
    const server = await serve([(res) => respond(res, textFrames("ok"))]);
    const p = project(server.origin, IMAGES);
    p.write("a.png", pngBytes(1, 1) as unknown as string);
    p.write("b.png", pngBytes(2, 1) as unknown as string);
    const chat = chatWithTray(p);
    chat.keys("a.png b.png ");
    await chat.attached(2);
    chat.keys("diff<home><bs>");
    expect(chat.screen().slice(4, 6)).toEqual([
      "│ [image a.png 1x1 · 69 B]                       │",
      "│ diff                                           │",
    ]);
    chat.keys("<bs>");
    expect(chat.screen().slice(4, 7)).toEqual([
      "╭─ message ──────────────────────────────────────╮",
      "│ diff                                           │",
      "╰────────────────────────────────────────────────╯",
    ]);
    chat.close();
  });

  it("a typed word stays text when it names no image file or ends in punctuation (it is attached at send)", async () => {
    const server = await serve([(res) => respond(res, textFrames("ok"))]);
    const p = project(server.origin, IMAGES);
    p.write("shot.png", pngBytes(1, 1) as unknown as string);
    const chat = chatWithTray(p);
    // Decided as the space is typed: no file is read for these, so nothing is pending.
    chat.keys("missing.png what is shot.png? ");
    expect(chat.tray().attachments).toEqual([]);
    expect(chat.rt.buffers.getText("composer")).toBe("missing.png what is shot.png? ");
    chat.close();
  });

  it("images alone are a prompt: enter sends only the image, and the transcript shows its chip", async () => {
    const server = await serve([(res) => respond(res, textFrames("A red square."))]);
    const p = project(server.origin, IMAGES);
    const png = pngBytes(2, 2);
    const file = p.write("shot.png", png as unknown as string);
    const chat = chatWithTray(p);
    chat.stock.paste(file);
    await chat.attached(1);
    chat.keys("<cr>");
    await chat.loop.idle();
    expect(server.requests[0]!.body.messages[1]).toEqual({ role: "user", content: [
      { type: "image_url", image_url: { url: `data:image/png;base64,${png.toString("base64")}` } },
    ] });
    expect(chat.screen().slice(0, 4)).toEqual([
      "",
      ` [image shot.png 2x2 · ${png.length} B]`,
      "",
      "A red square.",
    ]);
    chat.close();
  });
});
