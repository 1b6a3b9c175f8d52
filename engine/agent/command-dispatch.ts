// Runs `/name args` typed in the chat through the kernel's command registry. Kept apart from the
// chat loop so the loop and the host commands (which need the loop) do not import each other.
import type { Runtime } from "../kernel/runtime.js";

/** What dispatching needs of the chat loop: the runtime, and where output and failures go. */
export type CommandOutput = { rt: Runtime; say(text: string): void; fail(message: string): void };

/** Runs `/name args` through the command registry: false when text is no command; true, or for an
 *  async command a promise that settles once its output is shown. Output is a system line, a
 *  failure an error line; an unknown name is an error line too (never sent to the model). */
export function dispatchCommand(loop: CommandOutput, text: string): boolean | Promise<void> {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  if (!m) return false;
  const cmd = loop.rt.commands.get(m[1]!);
  if (!cmd) {
    loop.fail(`unknown command: /${m[1]} (try /help)`);
    return true;
  }
  const r = loop.rt.guard(cmd.owner, `command ${cmd.name}`, () => cmd.run(m[2]!.trim()));
  if (!r.ok) loop.fail(`/${cmd.name}: ${r.error.message}`);
  else if (r.value instanceof Promise) {
    return r.value.then(
      (out: unknown) => void (typeof out === "string" && out !== "" && loop.say(out)),
      (e: unknown) => loop.fail(`/${cmd.name}: ${e instanceof Error ? e.message : String(e)}`),
    );
  } else if (typeof r.value === "string" && r.value !== "") loop.say(r.value);
  return true;
}
