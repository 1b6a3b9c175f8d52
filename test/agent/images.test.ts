import { describe, expect, it } from "vitest";
import { pngBytes } from "../support/png.js";
import { loopbackPerTest, openLoop, project, respond, textFrames, toolFrames } from "./agent-fixture.js";

const serve = loopbackPerTest();
const IMAGES = ["models:", "  local/m1:", "    images: true"].join("\n");

// Frames as api.anthropic.com streams them.
const aFrame = (event: string, data: object) => `event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`;
const aStart = aFrame("message_start", { message: { id: "msg_1", type: "message", role: "assistant", model: "claude-test", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 30, output_tokens: 1 } } });
const aBlock = (index: number, content_block: object, deltas: object[]) => [
  aFrame("content_block_start", { index, content_block }),
  ...deltas.map((delta) => aFrame("content_block_delta", { index, delta })),
  aFrame("content_block_stop", { index }),
];
const aEnd = (reason: string) => [aFrame("message_delta", { delta: { stop_reason: reason, stop_sequence: null }, usage: { output_tokens: 20 } }), aFrame("message_stop", {})];
const aText = (text: string) => [aStart, ...aBlock(0, { type: "text", text: "" }, [{ type: "text_delta", text }]), ...aEnd("end_turn")];
const aTool = (id: string, name: string, args: object) => [
  aStart, ...aBlock(0, { type: "tool_use", id, name, input: {} }, [{ type: "input_json_delta", partial_json: JSON.stringify(args) }]), ...aEnd("tool_use"),
];
const CLAUDE = (origin: string) => [
  "  claude:", "    api: anthropic-messages", `    base_url: ${origin}`, "    api_key_env: LOCAL_KEY", "    models: [claude-test]",
  "models:", "  claude/claude-test:", "    images: true",
].join("\n");

describe("images on openai-chat", () => {
  it("a PNG the model reads goes back as an image_url data URL in a user message after the tool result", async () => {
    const server = await serve([
      (res) => respond(res, toolFrames("call_1", "read", { path: "shot.png" })),
      (res) => respond(res, textFrames("A red square.")),
    ]);
    const p = project(server.origin, IMAGES);
    const png = pngBytes(2, 2);
    p.write("shot.png", png as unknown as string);
    const chat = openLoop(p);
    expect((await chat.loop.run("what is in shot.png?")).text).toBe("A red square.");
    expect(server.requests[1]!.body.messages.slice(-2)).toEqual([
      { role: "tool", tool_call_id: "call_1", content: `read: shot.png: png image, 2x2, ${png.length} B (attached)` },
      { role: "user", content: [
        { type: "text", text: "Attached image(s) from tool result:" },
        { type: "image_url", image_url: { url: `data:image/png;base64,${png.toString("base64")}` } },
      ] },
    ]);
    chat.close();
  });

  it("an image path typed in the prompt is attached as text and image_url parts, and shown as a chip", async () => {
    const server = await serve([(res) => respond(res, textFrames("A red square."))]);
    const p = project(server.origin, IMAGES);
    const png = pngBytes(4, 3);
    const file = p.write("shots/a b.png", png as unknown as string);
    const chat = openLoop(p);
    await chat.loop.run(`what is this? ${file.replace(" ", "\\ ")}`);
    expect(server.requests[0]!.body.messages[1]).toEqual({ role: "user", content: [
      { type: "text", text: `what is this? ${file.replace(" ", "\\ ")}` },
      { type: "image_url", image_url: { url: `data:image/png;base64,${png.toString("base64")}` } },
    ] });
    expect(chat.rt.buffers.getBlocks("transcript")[0]!.text).toBe(`what is this? ${file.replace(" ", "\\ ")}\n[image a b.png 4x3 · ${png.length} B]`);
    chat.close();
  });

  it("resumes a session with its images: they are sent again", async () => {
    const server = await serve([(res) => respond(res, textFrames("Red.")), (res) => respond(res, textFrames("Still red."))]);
    const p = project(server.origin, IMAGES);
    const png = pngBytes(1, 1);
    p.write("dot.png", png as unknown as string);
    const first = openLoop(p);
    await first.loop.run("colour of dot.png?");
    const id = first.loop.session.id;
    first.close();
    const again = openLoop(p, { sessionId: id });
    again.loop.start(true);
    await again.loop.run("sure?");
    expect(server.requests[1]!.body.messages[1].content[1]).toEqual({ type: "image_url", image_url: { url: `data:image/png;base64,${png.toString("base64")}` } });
    expect(again.rt.buffers.getBlocks("transcript")[0]!.text).toBe(`colour of dot.png?\n[image dot.png 1x1 · ${png.length} B]`);
    again.close();
  });

  it("a model without images gets a note from read and the typed path as plain text", async () => {
    const server = await serve([
      (res) => respond(res, toolFrames("call_1", "read", { path: "shot.png" })),
      (res) => respond(res, textFrames("I cannot see it.")),
    ]);
    const p = project(server.origin);
    p.write("shot.png", pngBytes(2, 2) as unknown as string);
    const chat = openLoop(p);
    await chat.loop.run("look at shot.png");
    expect(server.requests[0]!.body.messages[1]).toEqual({ role: "user", content: "look at shot.png" });
    expect(server.requests[1]!.body.messages.at(-1)).toEqual({
      role: "tool", tool_call_id: "call_1", content: "read: shot.png is an image (png); the current model does not accept images, so it cannot be shown",
    });
    chat.close();
  });

  it("attaches at most 4 images a prompt and says which were left out", async () => {
    const server = await serve([(res) => respond(res, textFrames("Five squares."))]);
    const p = project(server.origin, IMAGES);
    for (const n of [1, 2, 3, 4, 5]) p.write(`${n}.png`, pngBytes(n, 1) as unknown as string);
    const chat = openLoop(p);
    await chat.loop.run("compare 1.png 2.png 3.png 4.png 5.png");
    expect(server.requests[0]!.body.messages[1].content).toHaveLength(5);
    expect(chat.rt.buffers.getBlocks("transcript")[0]).toMatchObject({ kind: "error", text: "attach: 5.png: a prompt takes at most 4 images; not attached" });
    chat.close();
  });
});

describe("images on anthropic-messages", () => {
  it("sends a read image inside the tool_result and a typed one as an image block before the text", async () => {
    const server = await serve([
      (res) => respond(res, aTool("toolu_1", "read", { path: "shot.png" })),
      (res) => respond(res, aText("Two red squares.")),
    ]);
    const p = project(server.origin, CLAUDE(server.origin));
    const png = pngBytes(2, 2);
    p.write("shot.png", png as unknown as string);
    p.write("other.png", png as unknown as string);
    const chat = openLoop(p, { provider: "claude" });
    expect((await chat.loop.run("compare other.png with the screenshot (read it)")).text).toBe("Two red squares.");
    const source = { type: "base64", media_type: "image/png", data: png.toString("base64") };
    expect(server.requests[1]!.body.messages).toEqual([
      { role: "user", content: [{ type: "image", source }, { type: "text", text: "compare other.png with the screenshot (read it)" }] },
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "read", input: { path: "shot.png" } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: [
        { type: "text", text: `read: shot.png: png image, 2x2, ${png.length} B (attached)` },
        { type: "image", source },
      ] }] },
    ]);
    chat.close();
  });
});
