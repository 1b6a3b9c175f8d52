// `read`: a text file with line numbers, a window at a time, never more than the caps below.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { ToolDefinition, ToolResult } from "../kernel/tool-registry.js";
import { boundedLines } from "./bounded-lines.js";
import { fileKind } from "./file-kind.js";
import { formatBytes, IMAGE_MIME, readImageFile } from "./image-file.js";
import { toolFailure, fsReason, errnoCode } from "./tool-failure.js";
import { displayPath, resolveToolPath } from "./tool-paths.js";

export const READ_DEFAULT_LIMIT = 2000;
export const READ_MAX_LINE_CHARS = 2000;
export const READ_MAX_BYTES = 50 * 1024;

/** `totalLines` is null when the file was too big to count past the window. */
export type ReadDetails = { path: string; startLine: number; endLine: number; totalLines: number | null; truncated: boolean };

/** Past the window, lines are only counted (for "of N") in files up to this size; bigger ones stop at the window. */
export const READ_COUNT_MAX_BYTES = 8 * 1024 * 1024;

/** Formats one numbered line like `cat -n`, cutting lines longer than READ_MAX_LINE_CHARS
 *  (`length`: the whole line's, when `line` is only its head). */
export function numberedLine(n: number, line: string, length = line.length): string {
  const text = length > READ_MAX_LINE_CHARS
    ? `${line.slice(0, READ_MAX_LINE_CHARS)} … [line cut: ${length - READ_MAX_LINE_CHARS} more characters]`
    : line;
  return `${String(n).padStart(6)}\t${text}`;
}

/** The read tool definition. */
export function readTool(): ToolDefinition {
  return {
    name: "read",
    owner: "host",
    description:
      "Read a text file. Output is numbered like `cat -n` (1-based). Reads at most 2000 lines and 50 KB " +
      "at a time; when cut, the output ends with a note giving the offset to continue from. Use offset and " +
      "limit for large files. A PNG, JPEG, GIF or WebP image is returned as an image when the model accepts " +
      "images; other binary files are refused. Paths are relative to the working directory unless absolute.",
    schema: {
      type: "object",
      properties: {
        path: { type: "string", description: "File to read (relative to the working directory, or absolute)" },
        offset: { type: "integer", minimum: 1, description: "First line to show, 1-based (default 1)" },
        limit: { type: "integer", minimum: 1, description: `Most lines to show (default ${READ_DEFAULT_LIMIT})` },
      },
      required: ["path"],
      additionalProperties: false,
    },
    run: async (args, ctx) => readFileWindow(ctx.cwd, String(args.path), args.offset as number | undefined, args.limit as number | undefined, ctx.signal, ctx.images === true),
  };
}

// An image goes to the model as image content; a model that takes none gets a note saying so.
async function readImage(abs: string, shown: string, format: string, accepted: boolean): Promise<ToolResult> {
  if (IMAGE_MIME[format] === undefined) {
    return toolFailure(`read: ${shown} is an image (${format}); only png, jpeg, gif and webp images can be shown to a model`);
  }
  if (!accepted) {
    return toolFailure(`read: ${shown} is an image (${format}); the current model does not accept images, so it cannot be shown`);
  }
  const name = shown.split("/").pop() ?? shown;
  const img = await readImageFile(abs, `read: ${shown}`, name);
  if ("error" in img) return toolFailure(img.error);
  const details = { path: shown, image: { mimeType: img.mimeType, width: img.width, height: img.height, bytes: img.bytes } };
  return { content: `read: ${shown}: ${format} image, ${img.width}x${img.height}, ${formatBytes(img.bytes)} (attached)`, details, images: [{ mimeType: img.mimeType, data: img.data }] };
}

async function readFileWindow(cwd: string, path: string, offset = 1, limit = READ_DEFAULT_LIMIT, signal?: AbortSignal, images = false): Promise<ToolResult> {
  const abs = resolveToolPath(cwd, path);
  const shown = displayPath(abs, cwd);
  let fileBytes = 0;
  try {
    const info = await stat(abs);
    fileBytes = info.size;
    if (info.isDirectory()) return toolFailure(`read: ${shown} is a directory; use ls to list it`);
    const kind = await fileKind(abs);
    if (kind.kind === "image") return readImage(abs, shown, kind.format, images);
    if (kind.kind === "binary") {
      return toolFailure(`read: ${shown} is a binary file (${info.size} bytes); it cannot be shown as text`);
    }
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return toolFailure(`read: ${shown}: file not found`);
    return toolFailure(`read: ${shown}: ${fsReason(err)}`);
  }

  // Streamed, so a window near the top of a huge log costs only the line count, not the file in memory.
  const out: string[] = [];
  let bytes = 0;
  let total = 0;
  let last = offset - 1;
  let cutByBytes = false;
  // Bytes, split by boundedLines: a line only costs its first READ_MAX_LINE_CHARS in memory.
  const input = createReadStream(abs, { signal });
  const lines = boundedLines(input, READ_MAX_LINE_CHARS);
  // A big file is read only up to the line after the window: `limit: 2` on a 2 GB log reads a few KB.
  const countAll = fileBytes <= READ_COUNT_MAX_BYTES;
  let more = false;
  try {
    for await (const line of lines) {
      total++;
      if ((total >= offset + limit || cutByBytes) && !countAll) {
        more = true;
        break;
      }
      if (total < offset || total >= offset + limit || cutByBytes) continue;
      const formatted = numberedLine(total, line.text, line.length);
      const size = Buffer.byteLength(formatted) + 1;
      if (bytes + size > READ_MAX_BYTES && out.length > 0) {
        cutByBytes = true;
        continue;
      }
      out.push(formatted);
      bytes += size;
      last = total;
    }
  } catch (err) {
    return toolFailure(`read: ${shown}: ${signal?.aborted ? "aborted" : fsReason(err)}`);
  } finally {
    await lines.return(undefined);
    input.destroy();
  }

  if (total === 0) {
    return { content: `(${shown} is empty)`, details: { path: shown, startLine: 0, endLine: 0, totalLines: 0, truncated: false } };
  }
  if (offset > total) {
    return toolFailure(`read: ${shown}: offset ${offset} is past the end of the file (${total} lines)`);
  }
  const truncated = more || last < total;
  const details: ReadDetails = { path: shown, startLine: offset, endLine: last, totalLines: more ? null : total, truncated };
  let content = out.join("\n");
  if (more) {
    content += `\n\n[truncated: showing lines ${offset}-${last} of a ${fileBytes}-byte file (not counted further); use offset=${last + 1} to continue]`;
  } else if (truncated) {
    content += `\n\n[truncated: showing lines ${offset}-${last} of ${total}; use offset=${last + 1} to continue]`;
  }
  return { content, details };
}
