// `librecode` with no arguments or only `--resume`, the usual starts: the chat exactly as main.ts's
// default action runs it, without building the commander program (~12 ms of start-up).
// bin/librecode picks this entry only for those two command lines; keep it in step with main.ts's
// default action.
import { holdEarlyInput, releaseEarlyInput } from "../ui/terminal-early-input.js";
import { reportFailure } from "./usage-error.js";

// Before anything heavy loads: raw mode, so keys typed during start-up are held, not echoed and
// cooked (Enter would arrive as ctrl+j). The Terminal decodes them once the chat is up.
holdEarlyInput();

try {
  // commander's options for the bare command (--no-extensions not given), and --resume.
  const resume = process.argv[2] === "--resume";
  await (await import("./cmd-chat.js")).runChat({ extensions: true, ...(resume ? { resume: true } : {}) });
} catch (err) {
  releaseEarlyInput();
  process.exitCode = reportFailure(err);
}
