// Images a model can be shown: PNG, JPEG, GIF and WebP, recognised by their bytes (not their
// names), with their dimensions read from the header and the limits the original applied
// (5 MiB and 40 megapixels an image, 4 images and 20 MiB a prompt). Nothing here decodes pixels.
import { readFile, stat } from "node:fs/promises";
import type { ImageContent } from "../kernel/tool-registry.js";

export type { ImageContent } from "../kernel/tool-registry.js";

/** The most bytes one image may have. */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** The most pixels (width x height) one image may have. */
export const IMAGE_MAX_PIXELS = 40_000_000;
/** The most images one prompt may attach. */
export const PROMPT_MAX_IMAGES = 4;
/** The most bytes of images one prompt may attach. */
export const PROMPT_MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** The formats models accept, by the MIME type sent. */
export const IMAGE_MIME: Record<string, string> = { png: "image/png", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp" };

/** An image read from disk: what is sent (`mimeType`, base64 `data`) and what is shown about it. */
export type ImageFile = ImageContent & { name: string; width: number; height: number; bytes: number };

/** "12 KB", "1.5 MB", "800 B". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/** What a chip or a result says about an image: "shot.png 120x80 · 12 KB". */
export function describeImage(img: Pick<ImageFile, "name" | "width" | "height" | "bytes">): string {
  return `${img.name} ${img.width}x${img.height} · ${formatBytes(img.bytes)}`;
}

/** The format and size of an image's bytes, or why they are not an image a model accepts. */
export function imageHeader(b: Uint8Array): { format: string; width: number; height: number } | { error: string } {
  const at = (i: number) => b[i] ?? 0;
  const u16be = (i: number) => (at(i) << 8) | at(i + 1);
  const u16le = (i: number) => at(i) | (at(i + 1) << 8);
  const u32be = (i: number) => ((at(i) << 24) >>> 0) + (at(i + 1) << 16) + (at(i + 2) << 8) + at(i + 3);
  const ascii = (i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));
  if (b.length >= 24 && at(0) === 0x89 && ascii(1, 3) === "PNG" && ascii(12, 4) === "IHDR") {
    return sized("png", u32be(16), u32be(20));
  }
  if (at(0) === 0x89 && ascii(1, 3) === "PNG") return { error: "not a valid png image (no IHDR header)" };
  if (b.length >= 10 && ascii(0, 4) === "GIF8") return sized("gif", u16le(6), u16le(8));
  if (b.length >= 30 && ascii(0, 4) === "RIFF" && ascii(8, 4) === "WEBP") {
    const chunk = ascii(12, 4);
    if (chunk === "VP8 ") return sized("webp", u16le(26) & 0x3fff, u16le(28) & 0x3fff);
    if (chunk === "VP8L") {
      const bits = at(21) | (at(22) << 8) | (at(23) << 16) | (at(24) << 24);
      return sized("webp", (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
    }
    if (chunk === "VP8X") return sized("webp", (at(24) | (at(25) << 8) | (at(26) << 16)) + 1, (at(27) | (at(28) << 8) | (at(29) << 16)) + 1);
    return { error: "not a valid webp image" };
  }
  if (b.length >= 4 && at(0) === 0xff && at(1) === 0xd8) {
    // The frame header (SOF0..SOF15 but DHT, JPG and DAC) holds the size; walk the segments to it.
    let i = 2;
    while (i + 9 < b.length) {
      if (at(i) !== 0xff) return { error: "not a valid jpeg image" };
      const marker = at(i + 1);
      if (marker === 0xff) { i++; continue; }
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return sized("jpeg", u16be(i + 7), u16be(i + 5));
      }
      i += 2 + u16be(i + 2);
    }
    return { error: "not a valid jpeg image" };
  }
  return { error: "not a png, jpeg, gif or webp image" };
}

function sized(format: string, width: number, height: number): { format: string; width: number; height: number } | { error: string } {
  if (width <= 0 || height <= 0) return { error: `not a valid ${format} image (its size is ${width}x${height})` };
  return { format, width, height };
}

/**
 * Reads an image file for a model, or says in one line why not (`where` starts the message:
 * "read: shot.png", "attach: ~/shot.png"). Size is checked before the file is read.
 */
export async function readImageFile(abs: string, where: string, name: string): Promise<ImageFile | { error: string }> {
  let bytes: number;
  try {
    const info = await stat(abs);
    if (!info.isFile()) return { error: `${where}: not a file` };
    bytes = info.size;
  } catch (e) {
    return { error: `${where}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (e as Error).message}` };
  }
  if (bytes > IMAGE_MAX_BYTES) return { error: `${where}: the image is ${bytes} bytes; images over 5 MB (${IMAGE_MAX_BYTES} bytes) are not sent to a model` };
  const data = await readFile(abs);
  const head = imageHeader(data);
  if ("error" in head) return { error: `${where}: ${head.error}` };
  if (head.width * head.height > IMAGE_MAX_PIXELS) {
    return { error: `${where}: the image is ${head.width}x${head.height}; images over 40 megapixels are not sent to a model` };
  }
  return { name, mimeType: IMAGE_MIME[head.format]!, data: data.toString("base64"), width: head.width, height: head.height, bytes: data.length };
}
