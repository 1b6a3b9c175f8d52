// Bare mode on the terminal (`librecode --bare`): the extensions' screen with bare mode's notes,
// until ctrl+c twice; no chat loop. Once the first frame is up, extensions are offered the model:
// their first model, session or agent call opens a session (engine/agent/bare-agent.ts): a new one,
// or the one `--session ID` / `--resume` named (checkBareSession found it before the terminal was taken).
// bin/cmd-chat.ts runs it for the real terminal.
import type { BareAgent } from "../engine/agent/bare-agent.js";
import type { BareApp } from "./create-app.js";
import { InteractiveApp, type InteractiveOptions } from "./interactive-app.js";

/** `--provider` / `--model` for the session bare mode opens; `--session ID` / `--resume` for which one. */
export type BareFlags = { provider?: string; model?: string; session?: string; resume?: boolean };

/** Runs bare mode until the user quits; resolves once the terminal is restored, `shutdown` was emitted and any session closed. */
export async function runBare(app: BareApp, opts: Pick<InteractiveOptions, "terminal" | "clock"> & BareFlags = {}): Promise<void> {
  const ui = app.loaded.config.ui;
  const { provider, model, session, resume, ...terminal } = opts;
  // Errors show on bare mode's bottom row (its notes), not in a transcript nobody sees.
  const live = new InteractiveApp(app.runtime, app.bare, app.painter, { mouse: ui.mouse, fps: ui.fps, transcriptErrors: false, ...terminal });
  app.bare.onChange(() => live.requestFrame());
  live.start();
  // As the chat does, SQLite and the providers load after the first frame's timer (armed by start()).
  const agent = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => offerBareAgent(app, { provider, model, session, resume }));
  await live.done;
  const opened = await agent;
  if (opened) opened.shutdown();
  else app.runtime.emit("shutdown", {});
}

/** Offers bare mode's extensions the model (none are loaded: undefined, nothing to offer it to). */
export async function offerBareAgent(app: BareApp, flags: BareFlags = {}): Promise<BareAgent | undefined> {
  if (app.extensions === null) return undefined;
  const { BareAgent } = await import("../engine/agent/bare-agent.js");
  return new BareAgent({
    runtime: app.runtime, cwd: app.runtime.cwd, loaded: app.loaded, home: app.home,
    ...(flags.provider ? { provider: flags.provider } : {}), ...(flags.model ? { model: flags.model } : {}),
    ...(flags.session !== undefined ? { sessionId: flags.session } : {}), ...(flags.resume ? { resume: true } : {}),
  });
}

/**
 * Checks `--session ID` / `--resume` before the terminal is taken, loading only the session store
 * (an unknown ID throws its one-line error), and returns the flags with the session found named by
 * its id: the session bare mode opens at the first call, whose history is read only then.
 */
export async function checkBareSession(app: BareApp, flags: BareFlags): Promise<BareFlags> {
  if (flags.session === undefined && !flags.resume) return flags;
  const { findResumed } = await import("../engine/agent/resume-preview.js");
  const found = findResumed(app.home, app.runtime.cwd, flags);
  const { session: _session, resume: _resume, ...rest } = flags;
  return found ? { ...rest, session: found.id } : { ...rest, resume: true };
}
