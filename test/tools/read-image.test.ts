import { describe, expect, it } from "vitest";
import { imageHeader } from "../../engine/tools/image-file.js";
import { readTool } from "../../engine/tools/read-tool.js";
import { pngBytes } from "../support/png.js";
import { tempTree, toolContext } from "./tool-fixture.js";

const read = readTool();
const images = { images: true };

describe("read: images for a model that accepts them", () => {
  it("returns a real PNG as image content with a line describing it", async () => {
    const png = pngBytes(3, 2);
    const dir = tempTree({ "shots/shot.png": png });
    expect(await read.run({ path: "shots/shot.png" }, toolContext(dir, images))).toEqual({
      content: `read: shots/shot.png: png image, 3x2, ${png.length} B (attached)`,
      details: { path: "shots/shot.png", image: { mimeType: "image/png", width: 3, height: 2, bytes: png.length } },
      images: [{ mimeType: "image/png", data: png.toString("base64") }],
    });
  });

  it("knows the image by its bytes, not its name", async () => {
    const dir = tempTree({ "notes.txt": pngBytes(1, 1) });
    expect((await read.run({ path: "notes.txt" }, toolContext(dir, images))).images?.[0]?.mimeType).toBe("image/png");
  });

  it("refuses formats models do not take, broken images and images over the limits", async () => {
    const bmp = new Uint8Array([0x42, 0x4d, 0, 0, 0, 0, 0, 0]);
    const broken = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const huge = Buffer.concat([pngBytes(1, 1), Buffer.alloc(5 * 1024 * 1024)]);
    const wide = pngBytes(1, 1);
    wide.writeUInt32BE(10_000, 16); // IHDR says 10000 x 5000: 50 megapixels
    wide.writeUInt32BE(5_000, 20);
    const dir = tempTree({ "a.bmp": bmp, "b.png": broken, "c.png": huge, "d.png": wide });
    const ctx = toolContext(dir, images);
    expect(await Promise.all(["a.bmp", "b.png", "c.png", "d.png"].map(async (path) => (await read.run({ path }, ctx)).content))).toEqual([
      "read: a.bmp is an image (bmp); only png, jpeg, gif and webp images can be shown to a model",
      "read: b.png: not a valid png image (no IHDR header)",
      `read: c.png: the image is ${huge.length} bytes; images over 5 MB (5242880 bytes) are not sent to a model`,
      "read: d.png: the image is 10000x5000; images over 40 megapixels are not sent to a model",
    ]);
  });
});

describe("imageHeader", () => {
  it("reads the size of PNG, GIF, JPEG and WebP headers", () => {
    const gif = Buffer.from([...Buffer.from("GIF89a"), 5, 0, 7, 0, 0, 0, 0]);
    // SOI, an APP0 segment of 16 bytes, then SOF0: length, precision, height 300, width 400.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...new Array(14).fill(0), 0xff, 0xc0, 0, 17, 8, 0x01, 0x2c, 0x01, 0x90, 3, 0, 0, 0]);
    const webp = Buffer.alloc(30);
    webp.write("RIFF", 0);
    webp.write("WEBPVP8X", 8);
    webp.writeUIntLE(639, 24, 3); // canvas width - 1
    webp.writeUIntLE(479, 27, 3); // canvas height - 1
    expect([imageHeader(pngBytes(3, 2)), imageHeader(gif), imageHeader(jpeg), imageHeader(webp)]).toEqual([
      { format: "png", width: 3, height: 2 }, { format: "gif", width: 5, height: 7 },
      { format: "jpeg", width: 400, height: 300 }, { format: "webp", width: 640, height: 480 },
    ]);
    expect(imageHeader(Buffer.from("hello"))).toEqual({ error: "not a png, jpeg, gif or webp image" });
  });
});
