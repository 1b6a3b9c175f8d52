// `librecode extension list`, `extension log` and `extension run NAME [ARGS...]`.
import { join } from "node:path";
import { defaultConfig, librecodeHome } from "../engine/config/index.js";
import { plainLines, type Span, type Style, type StyledRow } from "../engine/kernel/style.js";
import type { SourceInfo } from "../lua/extension-host.js";
import { fail } from "./cli-output.js";
import type { ConfigFlags } from "./load-settings.js";
import { printRows } from "./cli-style.js";
import { EXTENSION_LOG_FILE, readExtensionLog } from "./extension-log-file.js";
import { extensionRuntime, printRuntimeErrors } from "./extension-runtime.js";

/** Every configured source, its extensions, and what each registered. */
export function runExtensionList(flags: ConfigFlags): void {
  const { runtime, host } = extensionRuntime(flags);
  printRows(extensionListRows(host.list()));
  printRuntimeErrors(runtime);
}

/** `extension log`: the last lines of LIBRECODE_HOME/extension.log, which each chat writes afresh. */
export function runExtensionLog(opts: { lines?: string }): void {
  const n = Number(opts.lines ?? "50");
  if (!Number.isInteger(n) || n < 1) return fail("extension log", `--lines: expected a number >= 1, got "${opts.lines}"`, 2);
  const home = librecodeHome();
  const lines = readExtensionLog(home, n);
  if (lines === null) return printRows([[{ text: `no extension log yet: each chat writes ${join(home, EXTENSION_LOG_FILE)}`, style: MUTED }]]);
  if (lines.length === 0) return printRows([[{ text: "the latest chat's extension log is empty", style: MUTED }]]);
  printRows(lines.map((l) => logRow(l)));
}

// "21:58:03  greet  error: ..." : the time muted, the owner bold, an error in red.
function logRow(line: string): StyledRow {
  const m = /^(\d\d:\d\d:\d\d)  (\S+)  (error: )?(.*)$/.exec(line);
  if (!m) return [{ text: line }];
  return [{ text: m[1]!, style: MUTED }, { text: "  " }, { text: m[2]!, style: { bold: true } }, { text: "  " },
    ...(m[3] ? [{ text: m[3] + m[4]!, style: { fg: "error" } }] : [{ text: m[4]! }])];
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
  const defaults = new Set(defaultConfig().extensions.use);
  for (const s of sources) {
    // The default folder not made yet is a fresh project, not a failure: say how to start one.
    if (s.status === "missing" && defaults.has(s.source) && s.source.startsWith("path:")) {
      const dir = s.source.slice("path:".length);
      rows.push([{ text: s.source, style: { bold: true } }, { text: "  " },
        { text: `no extensions yet (put NAME.lua in ${dir}, or run \`librecode extension new NAME\`)`, style: MUTED }]);
      continue;
    }
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
