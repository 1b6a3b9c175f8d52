// Images in the session: how a prompt's attachments and a tool's images are stored with their
// message (payload `images`), read back into the model's context, and shown in the transcript.
import type { ImageContent } from "../model/model-types.js";
import { describeImage, type ImageFile } from "../tools/image-file.js";

/** One stored image: what is sent again on resume, and what is shown about it. */
export type StoredImage = { mime_type: string; data: string; name?: string; path?: string; width?: number; height?: number; bytes?: number };

/** The stored form of an attached image (with the file it was read from, when known). */
export function storedImage(i: ImageFile & { path?: string }): StoredImage {
  return { mime_type: i.mimeType, data: i.data, name: i.name, ...(i.path ? { path: i.path } : {}), width: i.width, height: i.height, bytes: i.bytes };
}

/** The images stored in a message payload, as models take them (none when the payload has none). */
export function imagesOf(payload: unknown): ImageContent[] {
  const list = (payload as { images?: unknown } | null | undefined)?.images;
  if (!Array.isArray(list)) return [];
  return list.flatMap((i) => (typeof i?.mime_type === "string" && typeof i?.data === "string" ? [{ mimeType: i.mime_type, data: i.data }] : []));
}

/** A user block's text: the prompt, then one chip per attached image ("[image shot.png 2x3 · 70 B]"). */
export function userBlockText(text: string, images: readonly Pick<ImageFile, "name" | "width" | "height" | "bytes">[]): string {
  if (images.length === 0) return text;
  const chips = images.map((i) => `[image ${describeImage(i)}]`).join(" ");
  return text === "" ? chips : `${text}\n${chips}`;
}

/** The chips of the images stored in a payload, for a resumed transcript. */
export function storedChips(payload: unknown): Pick<ImageFile, "name" | "width" | "height" | "bytes">[] {
  const list = (payload as { images?: unknown } | null | undefined)?.images;
  if (!Array.isArray(list)) return [];
  return list.map((i: StoredImage) => ({ name: i.name ?? "image", width: i.width ?? 0, height: i.height ?? 0, bytes: i.bytes ?? Math.floor((i.data?.length ?? 0) * 3 / 4) }));
}
