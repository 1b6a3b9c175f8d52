// Bare mode's assistant. No chat opens a session there, so the first `model`, `tools.run`,
// `session` or `agent` call of an extension opens one: a new session of the working directory, or
// the one `--session ID` / `--resume` named (checked at start-up, its history read only now), on
// the configured (or --provider/--model) model, exactly as `librecode` opens its chat. It has no
// screen of its own: recorded replies and tool blocks go to the `transcript` buffer and the status
// to the `status` buffer's metadata, for extensions to show as they like. Tools that
// `tools.approve` lists are refused (there is no approval panel to ask in). A session nothing was
// stored in is removed at exit, as the chat's is.
import { offerAgent } from "./agent-handle.js";
import { NOTHING_TO_RESUME, openChatLoop, type OpenChatOptions, type OpenedChat } from "./open-chat-loop.js";

/** Where bare mode's session comes from: the chat's options, without what only a screen answers. */
export type BareAgentOptions = Omit<OpenChatOptions, "approve" | "takeAttachments" | "onStatus" | "onWorkingChange" | "pick" | "unattended">;

/** Guards the session bare mode opened on first use, if it did. */
export class BareAgent {
  private chat: OpenedChat | undefined;

  constructor(private readonly opts: BareAgentOptions) {
    offerAgent(opts.runtime, () => this.open());
  }

  /** The opened chat loop and its store; undefined until an extension needed them. */
  get opened(): OpenedChat | undefined {
    return this.chat;
  }

  /** Emits `shutdown` (with the session id once one is open), stops what runs and closes the store. */
  shutdown(): void {
    const chat = this.chat;
    if (!chat) return void this.opts.runtime.emit("shutdown", {});
    chat.loop.shutdown();
    chat.close();
  }

  private open(): void {
    const chat = openChatLoop({ ...this.opts, unattended: "deny" });
    this.chat = chat;
    chat.loop.start(chat.resumed);
    if (chat.nothingToResume) chat.loop.say(NOTHING_TO_RESUME);
  }
}
