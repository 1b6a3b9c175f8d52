// `librecode extension list` and `extension run NAME [ARGS...]`.
import { plainLines, type Span, type Style, type StyledRow } from "../engine/kernel/style.js";
import type { SourceInfo } from "../lua/extension-host.js";
import type { ConfigFlags } from "./cli-output.js";
import { printRows } from "./cli-style.js";
import { extensionRuntime, printRuntimeErrors } from "./extension-runtime.js";

/** Every configured source, its extensions, and what each registered. */
export function runExtensionList(flags: ConfigFlags): void {
  const { runtime, host } = extensionRuntime(flags);
  printRows(extensionListRows(host.list()));
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
  return plainLines(extensionListRows(sources));
}

const MUTED: Style = { fg: "muted" };

function statusSpans(status: string, reason: string | undefined): Span[] {
  return [{ text: status + (reason ? `: ${reason}` : ""), style: { fg: status === "loaded" ? "success" : "error" } }];
}

/** formatExtensionList's lines as styled rows: names bold, the status green when loaded, red otherwise. */
export function extensionListRows(sources: SourceInfo[]): StyledRow[] {
  if (sources.length === 0) return [[{ text: "no extension sources configured", style: MUTED }]];
  const rows: StyledRow[] = [];
  for (const s of sources) {
    rows.push([{ text: s.source, style: { bold: true } }, { text: "  " }, ...statusSpans(s.status, s.reason)]);
    for (const e of s.extensions) {
      rows.push([{ text: "  " }, { text: e.name, style: { bold: true } }, { text: "  " }, ...statusSpans(e.status, e.reason), { text: "  " }, { text: e.file, style: MUTED }]);
      const detail = (label: string, text: string) => rows.push([{ text: `    ${label}`, style: MUTED }, { text }]);
      if (e.commands.length) detail("commands: ", e.commands.join(", "));
      if (e.tools.length) detail("tools: ", e.tools.join(", "));
      if (e.keymaps.length) detail("keymaps: ", e.keymaps.map((k) => `${k.target} ${k.lhs}${k.desc ? ` (${k.desc})` : ""}`).join(", "));
      if (e.handlers.length) detail("handlers: ", e.handlers.map((h) => (h.priority ? `${h.event}(${h.priority})` : h.event)).join(", "));
      rows.push([{ text: `    timers ${e.timers}  calls ${e.calls}  failures ${e.failures}  lua ${e.luaMs.toFixed(1)} ms`, style: MUTED }]);
    }
  }
  return rows;
}
