// `librecode` with no arguments or only `--resume`, the usual starts: the chat exactly as main.ts's
// default action runs it, without building the commander program (~12 ms of start-up).
// bin/librecode calls chatMain only for those two command lines, from the start-up bundle
// (scripts/bundle.mjs, loaded by bin/bundle-loader.ts) or from dist/; keep it in step with
// main.ts's default action.
import { holdEarlyInput, releaseEarlyInput } from "../ui/terminal-early-input.js";
import { reportFailure } from "./usage-error.js";
import { preloadYoga } from "./yoga-preload.js";

/** Runs the chat for `librecode [--resume]`; afterFirstFrame is called once its first frame is drawn. */
export async function chatMain(afterFirstFrame?: () => void): Promise<void> {
  // Before anything heavy loads: raw mode, so keys typed during start-up are held, not echoed and
  // cooked (Enter would arrive as ctrl+j). The Terminal decodes them once the chat is up.
  holdEarlyInput();
  try {
    // commander's options for the bare command (--no-extensions not given), and --resume.
    const resume = process.argv[2] === "--resume";
    await preloadYoga();
    const chat = await import("./cmd-chat.js");
    await chat.runChat({ extensions: true, ...(resume ? { resume: true } : {}), ...(afterFirstFrame ? { afterFirstFrame } : {}) });
  } catch (err) {
    releaseEarlyInput();
    process.exitCode = reportFailure(err);
  }
}
