// The seam between the stock chat (keys, composer, actions) and whatever answers the user: the
// chat loop (engine/agent `createChatController`, wired by bin/cmd-chat.ts) plugs in here; the
// local controller only records what was typed, which is all `librecode render --keys "hi<cr>"` needs.
import type { LoadedConfig } from "../config/index.js";
import { commandFailureText, type CommandOutcome } from "../kernel/command-registry.js";
import type { Runtime } from "../kernel/runtime.js";
import type { PickerSpec } from "./picker.js";
import type { StatusInfo } from "./status-line.js";

/** How a prompt reached the controller. `submitted`: the composer's submit already ran
 *  `prompt_submit` for it, so the loop does not emit it again when the prompt runs. */
export type PromptOrigin = { submitted?: boolean };

/** What the stock chat's actions call. Every method runs inside the key's transaction. */
export interface ChatController {
  /** A prompt the user submitted (enter while idle); `/name args` included as typed. */
  submit(text: string, origin?: PromptOrigin): void;
  /** Text submitted while a request runs: steer the running turn with it. */
  steer(text: string, origin?: PromptOrigin): void;
  /** alt+enter: run this after the current request finishes. */
  queueFollowUp(text: string, origin?: PromptOrigin): void;
  /** Takes back the newest queued follow-up (to edit it), or undefined when none is queued. */
  dequeueFollowUp(): string | undefined;
  /** Stops the running request (escape); a no-op when idle. */
  interrupt(): void;
  /** True while a request runs (the spinner ticks and enter steers). */
  readonly working: boolean;
  /** A line for the shell once the chat has ended (how to resume), or undefined for none. */
  exitNote?(): string | undefined;
  /** The session the chat ends in when it is kept (something was said in it), else undefined. */
  keptSession?(): string | undefined;
  /** `text` with the keys the session store redacts replaced (what may be written beside it). */
  redact?(text: string): string;
}

/** What a controller may ask of the stock chat (StockChat implements it; kept narrow so the
 * controller seam does not import the chat it plugs into). */
export interface ChatSurface {
  /** Merges fields into the status line (session, model, usage, ...). */
  setStatus(patch: StatusInfo): void;
  /** Re-reads `working` from the controller (spinner, steering). */
  syncWorking(): void;
  /** Replaces the prompt history that up/down walk. */
  setHistory(entries: string[]): void;
  /** Opens a picker (a filterable list in an overlay window) over the chat. */
  pick<T>(spec: PickerSpec<T>): void;
}

/** The command-line choices a run was started with (`librecode --resume --provider x ...`). */
export type ChatRunOptions = { resume?: boolean; session?: string; provider?: string; model?: string };

/** What a controller factory is given. Only `runtime` is always there (tests build controllers bare). */
export type ChatControllerContext = {
  runtime: Runtime;
  /** The stock chat: setHistory(entries) for persisted prompt history, setStatus({session, ...}). */
  chat?: ChatSurface;
  config?: LoadedConfig;
  cwd?: string;
  /** `$LIBRECODE_HOME`. */
  home?: string;
  options?: ChatRunOptions;
};

/** Builds the controller for one run; may be async (opening a session). */
export type ChatControllerFactory = (ctx: ChatControllerContext) => ChatController | Promise<ChatController>;

/** The transcript block of a message typed by the user. */
export function userMessageBlock(text: string): { kind: string; role: string; text: string } {
  return { kind: "message", role: "user", text };
}

/**
 * The controller used when no model is wired: a submitted prompt is appended to the transcript as
 * a user message, and `/name args` runs a registered command (its output a system line, a failure
 * or an unknown name an error line).
 */
export function createLocalController({ runtime }: ChatControllerContext): ChatController {
  const runCommand = (text: string): boolean => {
    const outcome = runtime.commands.run(text, (owner, where, fn) => runtime.guard(owner, where, fn));
    if (outcome === undefined) return false;
    const show = (o: CommandOutcome): void => {
      // As the chat loop's dispatchCommand shows it: output a system line, a failure an error line.
      if (!o.ok) runtime.buffers.appendBlock("transcript", { kind: "error", role: "system", text: commandFailureText(o) });
      else if (o.output !== "") runtime.buffers.appendBlock("transcript", { kind: "system", role: "system", text: o.output });
    };
    if (outcome instanceof Promise) void outcome.then((o) => runtime.guard("host", "command output", () => show(o)));
    else show(outcome);
    return true;
  };
  const submit = (text: string): void => {
    if (runCommand(text)) return;
    runtime.buffers.appendBlock("transcript", userMessageBlock(text));
  };
  return {
    submit,
    steer: submit,
    queueFollowUp: submit,
    dequeueFollowUp: () => undefined,
    interrupt: () => {},
    get working() {
      return false;
    },
  };
}
