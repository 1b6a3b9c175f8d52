// `librecode` with no arguments, the usual start: the chat exactly as main.ts's default action runs
// it, without building the commander program (~12 ms of start-up). bin/librecode picks this entry
// only when there is nothing to parse; keep it in step with main.ts's default action.
import { reportFailure } from "./usage-error.js";

try {
  // commander's defaults for the bare command: --no-extensions not given.
  await (await import("./cmd-chat.js")).runChat({ extensions: true });
} catch (err) {
  process.exitCode = reportFailure(err);
}
