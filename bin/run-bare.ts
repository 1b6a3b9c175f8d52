// Bare mode on the terminal (`librecode --bare`): the extensions' screen with bare mode's notes,
// until ctrl+c twice; no chat loop, no session. bin/cmd-chat.ts runs it for the real terminal.
import type { BareApp } from "./create-app.js";
import { InteractiveApp, type InteractiveOptions } from "./interactive-app.js";

/** Runs bare mode until the user quits; resolves once the terminal is restored and `shutdown` was emitted. */
export async function runBare(app: BareApp, opts: Pick<InteractiveOptions, "terminal" | "clock"> = {}): Promise<void> {
  const ui = app.loaded.config.ui;
  // Errors show on bare mode's bottom row (its notes), not in a transcript nobody sees.
  const live = new InteractiveApp(app.runtime, app.bare, app.painter, { mouse: ui.mouse, fps: ui.fps, transcriptErrors: false, ...opts });
  app.bare.onChange(() => live.requestFrame());
  live.start();
  await live.done;
  app.runtime.emit("shutdown", {});
}
