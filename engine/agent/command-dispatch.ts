// Runs `/name args` typed in the chat through the kernel's command registry (CommandRegistry.run).
// Kept apart from the chat loop so the loop and the host commands (which need the loop) do not
// import each other.
import { commandFailureText, type CommandOutcome } from "../kernel/command-registry.js";
import type { Runtime } from "../kernel/runtime.js";

/** What dispatching needs of the chat loop: the runtime, and where output and failures go. */
export type CommandOutput = { rt: Runtime; say(text: string): void; fail(message: string): void };

/** Runs `/name args` through the command registry: false when text is no command line; true, or for
 *  an async command a promise that settles once its output is shown. Output is a system line, a
 *  failure an error line; an unknown name is an error line too (never sent to the model). */
export function dispatchCommand(loop: CommandOutput, text: string): boolean | Promise<void> {
  const outcome = loop.rt.commands.run(text, (owner, where, fn) => loop.rt.guard(owner, where, fn));
  if (outcome === undefined) return false;
  const show = (o: CommandOutcome): void => {
    if (!o.ok) loop.fail(commandFailureText(o));
    else if (o.output !== "") loop.say(o.output);
  };
  if (outcome instanceof Promise) return outcome.then(show);
  show(outcome);
  return true;
}

