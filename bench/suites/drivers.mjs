// The three chat implementations behind one interface: { sink, streamChar(ch), keystroke(ch), close() }.
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

/**
 * Builds framework `fw`'s chat with `messages` in history; its first frame is already written.
 * `opts.stream` ({kind, role, text, metadata}) replaces the streaming assistant message.
 */
export async function createDriver(fw, messages, opts = {}) {
  switch (fw) {
    case "librecode": return (await import("../drivers/librecode.mjs")).createLibrecode(messages, opts);
    case "pi-tui": return (await import("../drivers/pi-tui.mjs")).createPiTui(messages, opts);
    case "ink": {
      const { renderMarkdown } = await import(pathToFileURL(path.join(ROOT, "dist/ui/markdown.js")).href);
      return (await import("../drivers/ink.mjs")).createInk(messages, renderMarkdown, opts);
    }
    default: throw new Error(`bench: unknown framework: expected librecode, pi-tui or ink, got ${fw}`);
  }
}
