// Image paths in what the user typed or pasted: a word that names an existing PNG, JPEG, GIF or
// WebP file (absolute, ~/..., relative to cwd, or @path, quoted or with escaped spaces as a
// terminal pastes a dropped file) becomes an attachment, within the prompt's limits.
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { PROMPT_MAX_IMAGE_BYTES, PROMPT_MAX_IMAGES, readImageFile, type ImageFile } from "./image-file.js";
import { resolveToolPath } from "./tool-paths.js";

/** An image attached to a prompt, with the file it came from. */
export type Attachment = ImageFile & { path: string };

const IMAGE_NAME = /\.(png|jpe?g|gif|webp)$/i;

/** The path a typed or pasted word names, when it looks like an image file's ('…', "…", file://, @, "\ ",
 *  punctuation after it). */
export function imagePathOf(word: string): string | undefined {
  let w = word.trim();
  if (w.startsWith("@")) w = w.slice(1);
  if (w.length >= 2 && (w[0] === "'" || w[0] === '"') && w.endsWith(w[0])) w = w.slice(1, -1);
  if (w.startsWith("file://")) {
    try {
      w = fileURLToPath(w);
    } catch {
      return undefined;
    }
  }
  w = w.replace(/\\(.)/g, "$1");
  // Prose punctuation after the name ("what is in shot.png?") is not part of it.
  if (!IMAGE_NAME.test(w)) w = w.replace(/[?!,.;:)]+$/, "");
  return w !== "" && IMAGE_NAME.test(w) ? w : undefined;
}

/** The words of `text` that may be image paths (an escaped space does not split a word). */
export function imageWords(text: string): string[] {
  return (text.match(/(?:\\ |'[^']*'|"[^"]*"|\S)+/g) ?? []).filter((w) => imagePathOf(w) !== undefined);
}

/** Why one more image cannot join `have` (count and total size), or undefined. */
export function attachLimit(have: readonly Pick<ImageFile, "bytes">[], next: Pick<ImageFile, "bytes">): string | undefined {
  if (have.length >= PROMPT_MAX_IMAGES) return `a prompt takes at most ${PROMPT_MAX_IMAGES} images`;
  const total = have.reduce((n, i) => n + i.bytes, 0) + next.bytes;
  if (total > PROMPT_MAX_IMAGE_BYTES) return `a prompt's images may total at most 20 MB (${PROMPT_MAX_IMAGE_BYTES} bytes)`;
  return undefined;
}

/**
 * Reads the image a word names for a prompt that already has `have`: the attachment, an error
 * line ("attach: shot.png: ..."), or undefined when the word names no existing file (it stays text).
 */
export async function attachWord(word: string, cwd: string, have: readonly Attachment[]): Promise<Attachment | { error: string } | undefined> {
  const path = imagePathOf(word);
  if (path === undefined) return undefined;
  const abs = resolveToolPath(cwd, path);
  try {
    if (!(await stat(abs)).isFile()) return undefined;
  } catch {
    return undefined;
  }
  if (have.some((a) => a.path === abs)) return undefined;
  const img = await readImageFile(abs, `attach: ${path}`, basename(abs));
  if ("error" in img) return img;
  const limit = attachLimit(have, img);
  return limit ? { error: `attach: ${path}: ${limit}; not attached` } : { ...img, path: abs };
}
