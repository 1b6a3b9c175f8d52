// `librecode` with no command: the interactive chat in the terminal.
import "../ui/terminal-early-hold.js"; // first: raw mode now, keys typed from here on are held
import type { ShownHistory } from "../engine/agent/session-history.js";
import type { ChatController, ChatRunOptions } from "../engine/chat/chat-controller.js";
import { systemClock } from "../engine/kernel/scheduler.js";
import { checkDatabasePath } from "../engine/session/database-path.js";
import { wireReload } from "./app-reload.js";
import { createApp, type BareApp, type ChatApp } from "./create-app.js";
import { keepExtensionLog } from "./extension-log-file.js";
import { InteractiveApp } from "./interactive-app.js";
import { releaseEarlyInput } from "../ui/terminal-early-input.js";
import { readSavedScreen, screenBuild, writeSavedScreen } from "./saved-screen-file.js";
import { claimTerminal } from "../ui/terminal-marker.js";
import { PendingController } from "./pending-controller.js";
import { checkBareSession, runBare, type BareFlags } from "./run-bare.js";
import { UsageError } from "./usage-error.js";

export type ChatFlags = ChatRunOptions & {
  config?: string; extensions?: boolean; bare?: boolean;
  /** Called once the first frame is drawn (bin/bundle-loader.ts then stores its code cache). */
  afterFirstFrame?: () => void;
};

/** Runs the chat until the user quits; the terminal is restored however it ends. */
export async function runChat(flags: ChatFlags): Promise<void> {
  try {
    await run(flags);
  } catch (e) {
    releaseEarlyInput(); // a start-up failure: the tty's own mode back before the one-line error
    throw e;
  }
}

/** runChat without the release on failure. */
async function run(flags: ChatFlags): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError("the interactive chat needs a terminal on stdin and stdout (use `librecode prompt` for scripts)");
  }
  const app = await createApp({
    width: process.stdout.columns || 80, height: process.stdout.rows || 24, clock: systemClock,
    extensions: flags.extensions !== false,
    ...(flags.config ? { config: flags.config } : {}),
    ...(flags.provider ? { provider: flags.provider } : {}), ...(flags.model ? { model: flags.model } : {}),
    ...(flags.bare ? { bare: true } : {}),
  });
  if (app.mode === "bare") {
    // An unknown --session is reported before the terminal is taken, as the chat does.
    return runBareChat(app, await checkBareSession(app, {
      ...(flags.provider ? { provider: flags.provider } : {}), ...(flags.model ? { model: flags.model } : {}),
      ...(flags.resume ? { resume: true } : {}), ...(flags.session !== undefined ? { session: flags.session } : {}),
    }));
  }
  // The chat loop would fail on it after the first frame: say so before the terminal is taken.
  if (app.providerError !== null) throw new UsageError(app.providerError);
  checkDatabasePath(app.home); // likewise an unopenable librecode.db (fs only: SQLite loads later)
  keepExtensionLog(app.runtime, app.home);
  const stopWatching = await wireReload(app);
  const options: ChatRunOptions = {
    ...(flags.resume ? { resume: true } : {}), ...(flags.session ? { session: flags.session } : {}),
    ...(flags.provider ? { provider: flags.provider } : {}), ...(flags.model ? { model: flags.model } : {}),
  };
  const ui = app.loaded.config.ui;
  const live = new InteractiveApp(app.runtime, app.chat, app.painter, { mouse: ui.mouse, fps: ui.fps });
  // The chat loop pulls in the providers and tools and opens the session: it loads after the first
  // frame (what is typed meanwhile waits in PendingController). --resume/--session show the newest
  // page of their session in that frame, with only the session store loaded; a bad id is reported
  // before the terminal is taken over. Older messages and the model's context load afterwards.
  const resuming = options.resume === true || options.session !== undefined;
  const shown = resuming ? (await import("../engine/agent/resume-preview.js")).showResumed(app.runtime, app.home, app.runtime.cwd, options) : undefined;
  // The screenful the last run of this session drew: the first frame needs no markdown rendering.
  if (shown) app.painter.seedTranscript(readSavedScreen(app.home, shown.sessionId));
  // Saved however the chat ends (a closed terminal's SIGHUP too): the next --resume draws it at once.
  // Until the chat loop is open, the session kept is the one shown (its blocks came from the
  // store, keys already redacted); the build is this start's, whatever is rebuilt meanwhile.
  let kept: ScreenOwner = { keptSession: () => shown?.sessionId };
  const saveScreen = screenSaver(app, () => kept, screenBuild());
  process.once("exit", saveScreen);
  try {
    const pending = new PendingController();
    app.chat.setController(pending);
    // Says "a chat owns this terminal" until it is restored; a killed run's is repaired next start.
    const releaseTerminal = claimTerminal(app.home);
    live.start();
    await new Promise((resolve) => setTimeout(resolve, 0)); // after the first frame's timer, armed by start()
    flags.afterFirstFrame?.();
    app.painter.seedTranscript(undefined);
    let controller: ChatController;
    try {
      controller = await openController(app, options, shown);
    } catch (e) {
      live.quit();
      throw e;
    }
    app.chat.setController(controller);
    pending.handOver(app.runtime, controller);
    kept = controller;
    await live.done;
    releaseTerminal();
    stopWatching();
    // A request still streaming or a job still running must not keep a quit user waiting.
    if (controller.working) controller.interrupt();
    saveScreen();
    const note = controller.exitNote?.();
    if (note) process.stdout.write(`${note}\n`);
  } finally {
    process.off("exit", saveScreen);
  }
  setImmediate(() => process.exit(process.exitCode ?? 0));
}

/** What the saved screen asks of the chat: the session kept, and its key redaction. */
type ScreenOwner = Pick<ChatController, "keptSession" | "redact">;

/**
 * Saves the transcript's newest screenful for the session the chat ends in, once: only blocks that
 * hold no key the session store would redact (those never match a resumed block anyway).
 */
function screenSaver(app: ChatApp, owner: () => ScreenOwner, build: string): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    try {
      const o = owner();
      const session = o.keptSession?.();
      if (session === undefined) return;
      const clean = (t: string) => o.redact === undefined || o.redact(t) === t;
      const screen = app.painter.savedTranscript(build, (b) => clean(b.text) && clean(JSON.stringify(b.metadata)));
      if (screen !== undefined) writeSavedScreen(app.home, session, screen);
    } catch {
      // A cache: the next resume renders its blocks as usual.
    }
  };
}

/** Bare mode: the extension log kept, the terminal until ctrl+c twice, then exit. */
async function runBareChat(app: BareApp, flags: BareFlags): Promise<void> {
  keepExtensionLog(app.runtime, app.home);
  // No transcript here: what a watched save did goes to the extension log (its errors too).
  const stopWatching = await wireReload(app, (text) => app.runtime.log.append("host", text));
  const releaseTerminal = claimTerminal(app.home);
  await runBare(app, flags);
  releaseTerminal();
  stopWatching();
  setImmediate(() => process.exit(process.exitCode ?? 0));
}

/** Imports the agent (SQLite, sessions) and opens the chat loop for this run. */
async function openController(app: ChatApp, options: ChatRunOptions, shown: ShownHistory | undefined): Promise<ChatController> {
  const { createChatController } = await import("../engine/agent/index.js");
  return createChatController({
    runtime: app.runtime, chat: app.chat, config: app.loaded, cwd: app.runtime.cwd, home: app.home, options,
  }, shown);
}
