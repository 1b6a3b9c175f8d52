// The chat loop's entry for the interactive app: bin/cmd-chat.ts imports this module lazily and
// calls `createChatController` to open the chat loop behind the stock chat.
import type { ChatController, ChatControllerContext } from "../chat/chat-controller.js";
import { ApprovalPanel } from "../chat/approval-panel.js";
import { ComposerAttachments } from "../chat/composer-attachments.js";
import type { PickerSpec } from "../chat/picker.js";
import { NOTHING_TO_RESUME, openChatLoop } from "./open-chat-loop.js";
import type { ShownHistory } from "./session-history.js";

export { ChatLoop, type ChatLoopOptions, type ContextUse } from "./chat-loop.js";
export { openChatLoop, type OpenChatOptions, type OpenedChat } from "./open-chat-loop.js";
/** How many of this directory's recent prompts up/down walks in a new chat. */
export const PROMPT_HISTORY_LIMIT = 200;

export type { AgentEvent, RunResult, RunStop } from "./agent-events.js";

/**
 * Opens the session (new, `--resume`, `--session`), wires status and spinner to the stock chat,
 * announces the session (`session_start` / `session_load`: extensions are loaded by then), loads
 * the prompt history of this directory and returns the loop. The database is flushed and closed when the process exits.
 * `shown`: the resumed session's newest page, already in the transcript (engine/agent/resume-preview.ts).
 */
export function createChatController(ctx: ChatControllerContext, shown?: ShownHistory): ChatController {
  const cwd = ctx.cwd ?? ctx.runtime.cwd;
  const o = ctx.options ?? {};
  const chat = ctx.chat;
  // Built on the first call that needs approval (tools.approve), not at start-up.
  let panel: ApprovalPanel | undefined;
  // The composer's image chips; the model is read when a path is pasted (it may change meanwhile).
  const tray = chat ? new ComposerAttachments(ctx.runtime, cwd, () => ({ label: opened.loop.model.label, images: opened.loop.model.info.images })) : undefined;
  const opened = openChatLoop({
    runtime: ctx.runtime, cwd,
    ...(ctx.config ? { loaded: ctx.config } : {}), ...(ctx.home ? { home: ctx.home } : {}),
    ...(o.provider ? { provider: o.provider } : {}), ...(o.model ? { model: o.model } : {}),
    ...(o.resume ? { resume: true } : {}), ...(o.session ? { sessionId: o.session } : {}),
    ...(chat ? {
      onStatus: (p: Record<string, unknown>) => chat.setStatus(p), onWorkingChange: () => chat.syncWorking(),
      pick: <T>(spec: PickerSpec<T>) => chat.pick(spec),
    } : {}),
    approve: (req, signal) => (panel ??= new ApprovalPanel(ctx.runtime)).ask(req, signal),
    ...(tray ? { takeAttachments: () => tray.take() } : {}),
  });
  const { loop } = opened;
  loop.start(opened.resumed, shown);
  if (opened.nothingToResume) loop.say(NOTHING_TO_RESUME);
  // Like a shell's history: up brings back what was typed in this directory, whatever the session.
  if (chat) chat.setHistory(loop.store.recentPrompts(loop.session.cwd, PROMPT_HISTORY_LIMIT));
  process.once("exit", () => {
    loop.shutdown();
    opened.close();
  });
  return loop;
}
