// `librecode` with no arguments, the usual start: the chat exactly as main.ts's default action runs
// it, without building the commander program (~12 ms of start-up). bin/librecode picks this entry
// only when there is nothing to parse; keep it in step with main.ts's default action.
import { holdEarlyInput, releaseEarlyInput } from "../ui/terminal-early-input.js";
import { reportFailure } from "./usage-error.js";

// Before anything heavy loads: raw mode, so keys typed during start-up are held, not echoed and
// cooked (Enter would arrive as ctrl+j). The Terminal decodes them once the chat is up.
holdEarlyInput();

try {
  // commander's defaults for the bare command: --no-extensions not given.
  await (await import("./cmd-chat.js")).runChat({ extensions: true });
} catch (err) {
  releaseEarlyInput();
  process.exitCode = reportFailure(err);
}
