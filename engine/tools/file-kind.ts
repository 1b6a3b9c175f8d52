// Telling text from images and other binaries by their first bytes, not by the file name:
// a PNG renamed to notes.txt is still a PNG, and the model cannot read either.
import { open } from "node:fs/promises";

export type FileKind = { kind: "text" } | { kind: "image"; format: string } | { kind: "binary" };

const SNIFF_BYTES = 8192;

const IMAGE_MAGIC: { format: string; bytes: number[]; offset?: number }[] = [
  { format: "png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { format: "jpeg", bytes: [0xff, 0xd8, 0xff] },
  { format: "gif", bytes: [0x47, 0x49, 0x46, 0x38] },
  { format: "webp", bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { format: "bmp", bytes: [0x42, 0x4d] },
  { format: "ico", bytes: [0x00, 0x00, 0x01, 0x00] },
  { format: "tiff", bytes: [0x49, 0x49, 0x2a, 0x00] },
  { format: "tiff", bytes: [0x4d, 0x4d, 0x00, 0x2a] },
];

/** Classifies a file's leading bytes: a known image format, other binary (a NUL byte), or text. */
export function sniffKind(head: Uint8Array): FileKind {
  for (const magic of IMAGE_MAGIC) {
    const at = magic.offset ?? 0;
    if (head.length >= at + magic.bytes.length && magic.bytes.every((b, i) => head[at + i] === b)) {
      // "BM" alone is too weak a signal: only call it a bitmap when it is also not text.
      if (magic.format === "bmp" && !head.includes(0)) continue;
      return { kind: "image", format: magic.format };
    }
  }
  return head.includes(0) ? { kind: "binary" } : { kind: "text" };
}

/** Reads up to 8 KB of a file and classifies it with sniffKind. */
export async function fileKind(path: string): Promise<FileKind> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return sniffKind(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
