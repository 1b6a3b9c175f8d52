// `librecode extension list` and `extension run NAME [ARGS...]`.
import type { SourceInfo } from "../lua/extension-host.js";
import { printLines, type ConfigFlags } from "./cli-output.js";
import { extensionRuntime, printRuntimeErrors } from "./extension-runtime.js";

/** Every configured source, its extensions, and what each registered. */
export function runExtensionList(flags: ConfigFlags): void {
  const { runtime, host } = extensionRuntime(flags);
  printLines(formatExtensionList(host.list()));
  printRuntimeErrors(runtime);
}

/** Runs an extension command; its result on stdout (exit 0), a failure on stderr (exit 1, 2 when unknown). */
export async function runExtensionCommand(name: string, args: string[], flags: ConfigFlags): Promise<void> {
  const { runtime, host } = extensionRuntime(flags);
  printRuntimeErrors(runtime);
  const r = await host.runCommand(name, args.join(" "));
  if (r.ok) {
    if (r.output !== "") process.stdout.write(r.output.endsWith("\n") ? r.output : `${r.output}\n`);
    return;
  }
  process.stderr.write(`librecode ${r.error}\n`);
  process.exitCode = runtime.commands.get(name) ? 1 : 2;
}

/** `extension list` lines: a source per line, its extensions indented with their registrations. */
export function formatExtensionList(sources: SourceInfo[]): string[] {
  if (sources.length === 0) return ["no extension sources configured"];
  const lines: string[] = [];
  for (const s of sources) {
    lines.push(`${s.source}  ${s.status}${s.reason ? `: ${s.reason}` : ""}`);
    for (const e of s.extensions) {
      lines.push(`  ${e.name}  ${e.status}${e.reason ? `: ${e.reason}` : ""}  ${e.file}`);
      if (e.commands.length) lines.push(`    commands: ${e.commands.join(", ")}`);
      if (e.tools.length) lines.push(`    tools: ${e.tools.join(", ")}`);
      if (e.keymaps.length) lines.push(`    keymaps: ${e.keymaps.map((k) => `${k.target} ${k.lhs}${k.desc ? ` (${k.desc})` : ""}`).join(", ")}`);
      if (e.handlers.length) lines.push(`    handlers: ${e.handlers.map((h) => (h.priority ? `${h.event}(${h.priority})` : h.event)).join(", ")}`);
      lines.push(`    timers ${e.timers}  calls ${e.calls}  failures ${e.failures}  lua ${e.luaMs.toFixed(1)} ms`);
    }
  }
  return lines;
}
