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
  // fetch hidden while the chat's modules load (bin/yoga-preload.ts says why): in the bundle
  // (scripts/bundle.mjs) yoga-layout is imported before the preload's own code can run.
  const saved = Object.getOwnPropertyDescriptor(globalThis, "fetch");
  Object.defineProperty(globalThis, "fetch", { value: undefined, configurable: true, writable: true });
  let chat: typeof import("./cmd-chat.js");
  try {
    chat = await import("./cmd-chat.js");
  } finally {
    if (saved) Object.defineProperty(globalThis, "fetch", saved);
    else delete (globalThis as { fetch?: unknown }).fetch;
  }
  await chat.runChat({ extensions: true, ...(resume ? { resume: true } : {}) });
} catch (err) {
  releaseEarlyInput();
  process.exitCode = reportFailure(err);
}
