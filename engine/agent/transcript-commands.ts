// /copy, /export and /exit: taking the conversation out of the chat.
import { resolve } from "node:path";
import { displayPath } from "../kernel/display-path.js";
import { sessionMarkdown } from "../session/export-markdown.js";
import { atomicWrite } from "../tools/atomic-write.js";
import type { ChatLoop } from "./chat-loop.js";

/** The text of the session's newest assistant answer that has any, or undefined. */
export function lastAnswer(loop: ChatLoop): string | undefined {
  const messages = loop.store.loadMessages(loop.session.id);
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.kind === "assistant" && m.text.trim() !== "") return m.text.trim();
  }
  return undefined;
}

/** Registers /copy, /export [FILE] and /exit. */
export function registerTranscriptCommands(loop: ChatLoop, quit: () => void): void {
  const reg = (name: string, desc: string, run: (args: string) => unknown) => loop.rt.commands.register(name, { desc, owner: "host", run });

  reg("copy", "copy the last answer to the clipboard (OSC 52)", () => {
    const text = lastAnswer(loop);
    if (text === undefined) throw new Error("expected an answer to copy, got none yet");
    // A `copy` handler that consumes the event (an extension with its own clipboard tool) replaces OSC 52.
    const r = loop.rt.emit("copy", { text });
    if (!r.consumed && !loop.rt.actions.run("app.copy", text)) throw new Error("expected a terminal to copy through, got none");
    return `Copied the last answer (${text.length.toLocaleString("en-US")} characters).`;
  });

  reg("export", "write this session as markdown: /export [FILE]", async (args) => {
    const file = resolve(loop.session.cwd, args === "" ? `librecode-${loop.session.id}.md` : args);
    const messages = loop.store.loadMessages(loop.session.id);
    await atomicWrite(file, sessionMarkdown(loop.session, messages));
    return `Exported ${messages.length} messages to ${displayPath(file, loop.session.cwd)}.`;
  });

  reg("exit", "quit librecode (same as /quit)", () => quit());
}
