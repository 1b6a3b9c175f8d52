// `librecode render`: one headless frame at a fixed size, the interactive pipeline stopped before
// the terminal (cli.md). Snapshot tests of layouts and extensions are built on it.
import { readFileSync } from "node:fs";
import { parseTranscriptFixture } from "../engine/chat/transcript-fixture.js";
import { parseKeys } from "../engine/kernel/key-notation.js";
import { FakeClock } from "../engine/kernel/scheduler.js";
import { createApp } from "./create-app.js";
import { checkExtensionPaths } from "./extension-paths.js";
import { printRuntimeErrors } from "./extension-runtime.js";
import { frameJson } from "./frame-json.js";
import { renderFrame, stopJobs } from "./render-frame.js";
import { UsageError } from "./usage-error.js";

export type RenderFlags = {
  /** Required: checked by parseSize so the missing case reads like the malformed one. */
  size?: string;
  layout?: string;
  extension: string[];
  keys?: string;
  transcript?: string;
  format: string;
  theme?: string;
  config?: string;
  extensions: boolean;
  /** `--bare` (else config `ui.bare`). */
  bare?: boolean;
};

const FORMATS = ["text", "json", "ansi"];

/** Parses `--size WxH` (both at least 1); a missing one is the same usage error, `got nothing`. */
export function parseSize(s: string | undefined): { width: number; height: number } {
  if (s === undefined) throw new UsageError("--size: expected WIDTHxHEIGHT with each from 1 to 1000 (e.g. 100x30), got nothing");
  const m = /^(\d+)x(\d+)$/.exec(s.trim());
  const width = m ? Number(m[1]) : 0;
  const height = m ? Number(m[2]) : 0;
  if (width < 1 || height < 1 || width > 1000 || height > 1000) {
    throw new UsageError(`--size: expected WIDTHxHEIGHT with each from 1 to 1000 (e.g. 100x30), got "${s}"`);
  }
  return { width, height };
}

/** Renders the frame and writes it to stdout in the chosen format; extension errors go to stderr. */
export async function runRender(flags: RenderFlags): Promise<void> {
  const { width, height } = parseSize(flags.size);
  if (!FORMATS.includes(flags.format)) throw new UsageError(`--format: expected text, json or ansi, got "${flags.format}"`);
  if (flags.theme !== undefined && flags.theme !== "dark" && flags.theme !== "light") {
    throw new UsageError(`--theme: expected dark or light, got "${flags.theme}"`);
  }
  const blocks = flags.transcript === undefined ? [] : parseTranscriptFixture(readInput(flags.transcript, "--transcript"), flags.transcript);
  const keys = flags.keys === undefined ? [] : parseKeys(flags.keys);
  checkExtensionPaths(flags.extension, process.cwd());
  const clock = new FakeClock();
  const app = await createApp({
    width, height, clock, extensions: flags.extensions, extensionPaths: flags.extension,
    ...(flags.config ? { config: flags.config } : {}), ...(flags.layout ? { layoutFile: flags.layout } : {}),
    ...(flags.theme ? { theme: flags.theme as "dark" | "light" } : {}), ...(flags.bare ? { bare: true } : {}),
  });
  const rt = app.runtime;
  const { screen, cursor } = renderFrame(rt, app.painter, clock, { blocks, keys });
  stopJobs(rt);
  printRuntimeErrors(rt);
  if (flags.format === "ansi") process.stdout.write(screen.fullFrame(cursor));
  else if (flags.format === "json") process.stdout.write(JSON.stringify(frameJson(rt, screen.back.toLines(), cursor)) + "\n");
  else process.stdout.write(screen.back.toLines().join("\n") + "\n");
}

function readInput(path: string, flag: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`${flag}: ${path}: cannot read: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  }
}
