// `librecode` with no command: the interactive chat in the terminal.
import "./yoga-preload.js"; // first: yoga-layout loads without touching fetch (see there)
import type { ChatRunOptions } from "../engine/chat/chat-controller.js";
import { systemClock } from "../engine/scheduler.js";
import { createApp } from "./create-app.js";
import { InteractiveApp } from "./interactive-app.js";
import { UsageError } from "./usage-error.js";

export type ChatFlags = ChatRunOptions & { config?: string; extensions?: boolean };

/** Runs the chat until the user quits; the terminal is restored however it ends. */
export async function runChat(flags: ChatFlags): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError("the interactive chat needs a terminal on stdin and stdout (use `librecode prompt` for scripts)");
  }
  const app = await createApp({
    width: process.stdout.columns || 80, height: process.stdout.rows || 24, clock: systemClock,
    extensions: flags.extensions !== false,
    ...(flags.config ? { config: flags.config } : {}),
    ...(flags.provider ? { provider: flags.provider } : {}), ...(flags.model ? { model: flags.model } : {}),
  });
  const options: ChatRunOptions = {
    ...(flags.resume ? { resume: true } : {}), ...(flags.session ? { session: flags.session } : {}),
    ...(flags.provider ? { provider: flags.provider } : {}), ...(flags.model ? { model: flags.model } : {}),
  };
  // The chat loop pulls in the model SDKs and SQLite: loaded only now, after the app is built.
  const { createChatController } = await import("../engine/agent/index.js");
  const controller = await createChatController({
    runtime: app.runtime, chat: app.chat, config: app.loaded, cwd: app.runtime.cwd, home: app.home, options,
  });
  app.chat.setController(controller);
  const ui = app.loaded.config.ui;
  const live = new InteractiveApp(app.runtime, app.chat, app.painter, { mouse: ui.mouse, fps: ui.fps });
  live.start();
  await live.done;
  // A request still streaming or a job still running must not keep a quit user waiting.
  if (controller.working) controller.interrupt();
  setImmediate(() => process.exit(process.exitCode ?? 0));
}
