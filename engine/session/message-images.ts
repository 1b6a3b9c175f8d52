// The images stored with a message (payload `images`: a prompt's attachments, a tool's images),
// described for `session show` and `/export`: name, MIME type, dimensions, size and the file it came
// from. A record that stored only the bytes (a tool's image) has its size and dimensions read from them.
import { formatBytes, imageHeader } from "../tools/image-file.js";

/** What is known about one stored image. */
export type StoredImageInfo = { name?: string; path?: string; mimeType: string; width?: number; height?: number; bytes: number };

/** The images stored in a message payload, oldest first (none when it has none). */
export function messageImages(payload: unknown): StoredImageInfo[] {
  const list = (payload as { images?: unknown } | null | undefined)?.images;
  if (!Array.isArray(list)) return [];
  return list.flatMap((i: Record<string, unknown> | null) => {
    if (typeof i !== "object" || i === null || typeof i.data !== "string") return [];
    const str = (k: string) => (typeof i[k] === "string" && i[k] !== "" ? { [k]: i[k] as string } : {});
    const num = (k: string) => (typeof i[k] === "number" ? (i[k] as number) : undefined);
    let { width, height, bytes } = { width: num("width"), height: num("height"), bytes: num("bytes") };
    if (width === undefined || height === undefined || bytes === undefined) {
      const raw = Buffer.from(i.data, "base64");
      const head = imageHeader(raw);
      if (!("error" in head)) ({ width, height } = head);
      bytes ??= raw.length;
    }
    const mimeType = typeof i.mime_type === "string" ? i.mime_type : "application/octet-stream";
    return [{ ...str("name"), ...str("path"), mimeType, ...(width !== undefined && height !== undefined ? { width, height } : {}), bytes }];
  });
}

/** One image as a phrase: `shot.png (image/png, 2x2, 70 B) from /p/shot.png`; `code` wraps the name
 *  and the path (markdown passes backticks). */
export function describeStoredImage(i: StoredImageInfo, code: (s: string) => string = (s) => s): string {
  const facts = [i.mimeType, ...(i.width !== undefined ? [`${i.width}x${i.height}`] : []), formatBytes(i.bytes)].join(", ");
  return [i.name !== undefined ? code(i.name) : "", `(${facts})`, i.path ? `from ${code(i.path)}` : ""].filter((s) => s !== "").join(" ");
}
