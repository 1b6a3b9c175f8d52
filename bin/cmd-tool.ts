// `librecode tool list` and `tool run NAME 'JSON'`: the built-in tools plus extension tools.
import { runtimeToolHooks } from "../engine/agent/tool-hooks.js";
import { runToolCommand, toolListText } from "../engine/tools/tool-cli.js";
import { extensionRuntime, printRuntimeErrors, type ExtensionRuntimeFlags } from "./extension-runtime.js";

/** One line per tool the model can call. */
export function runToolList(flags: ExtensionRuntimeFlags): void {
  const { runtime } = extensionRuntime(flags);
  printRuntimeErrors(runtime);
  process.stdout.write(toolListText(runtime.tools));
}

/** Runs one tool: 0 with its output, 1 when the tool fails, 2 for an unknown tool or bad JSON. */
export async function runToolRun(name: string, json: string, flags: ExtensionRuntimeFlags): Promise<void> {
  const { runtime } = extensionRuntime(flags);
  printRuntimeErrors(runtime);
  const ac = new AbortController();
  const stop = (): void => ac.abort();
  process.once("SIGINT", stop);
  try {
    // Extension hooks apply as in the chat (a tool_result redaction hook redacts here too).
    const out = await runToolCommand(runtime.tools, name, json, { cwd: runtime.cwd, signal: ac.signal, hooks: runtimeToolHooks(runtime) });
    process.stdout.write(out.stdout);
    process.stderr.write(out.stderr);
    process.exitCode = out.exitCode;
  } finally {
    process.off("SIGINT", stop);
  }
}
