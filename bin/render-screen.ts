// `librecode/testing`: one headless frame through the same path as `librecode render`, for tests
// written in JavaScript. Isolated from the machine: no config files, environment or stored keys.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseTranscriptFixture } from "../engine/chat/transcript-fixture.js";
import { parseKeys } from "../engine/kernel/key-notation.js";
import { FakeClock } from "../engine/kernel/scheduler.js";
import { parseSize } from "./cmd-render.js";
import { createApp } from "./create-app.js";
import { checkExtensionPaths } from "./extension-paths.js";
import { frameJson, type FrameJson } from "./frame-json.js";
import { renderFrame, stopJobs } from "./render-frame.js";
import { UsageError } from "./usage-error.js";

export type { FrameJson, FrameWindow } from "./frame-json.js";

/** What to render; paths are relative to `cwd`. */
export type RenderScreenOptions = {
  /** `"100x30"` or `{width, height}`. */
  size: string | { width: number; height: number };
  /** A layout file (YAML, JSON or Lua) or a layout table. */
  layout?: string | Record<string, unknown>;
  /** Extension files or directories, loaded as `render --extension` loads them (a missing one throws). */
  extensions?: string[];
  /** Keys fed after start-up, in keymap notation (`hello<cr>`). */
  keys?: string;
  /** A JSON-lines transcript file, or its entries (`{role, text}`, tool and thinking entries). */
  transcript?: string | Record<string, unknown>[];
  theme?: "dark" | "light";
  /** The working directory of the run (default: the process's). */
  cwd?: string;
  /** Bare mode (`render --bare`): no stock layout, windows or keys; the screen is what extensions build. */
  bare?: boolean;
};

/** The frame: `text` as `render --format text` prints it, its `lines`, and the `--format json` record. */
export type RenderedScreen = { text: string; lines: string[]; json: FrameJson };

/** Renders one frame as `librecode render` would, isolated from config files, environment and keys. */
export async function renderScreen(opts: RenderScreenOptions): Promise<RenderedScreen> {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const { width, height } = typeof opts.size === "string" ? parseSize(opts.size) : checkedSize(opts.size);
  checkExtensionPaths(opts.extensions ?? [], cwd);
  const clock = new FakeClock();
  const app = await createApp({
    width, height, cwd, clock, isolated: true, extensions: false,
    extensionPaths: (opts.extensions ?? []).map((p) => resolve(cwd, p)),
    ...(typeof opts.layout === "string" ? { layoutFile: resolve(cwd, opts.layout) } : opts.layout !== undefined ? { layout: opts.layout } : {}),
    ...(opts.theme ? { theme: opts.theme } : {}), ...(opts.bare ? { bare: true } : {}),
  });
  const blocks = transcriptBlocks(opts.transcript, cwd);
  const { screen, cursor } = renderFrame(app.runtime, app.painter, clock, { blocks, keys: parseKeys(opts.keys ?? "") });
  stopJobs(app.runtime);
  const lines = screen.back.toLines();
  return { text: lines.join("\n") + "\n", lines, json: frameJson(app.runtime, lines, cursor) };
}

function checkedSize(s: { width: number; height: number }): { width: number; height: number } {
  return parseSize(`${s.width}x${s.height}`);
}

function transcriptBlocks(t: RenderScreenOptions["transcript"], cwd: string) {
  if (t === undefined) return [];
  if (Array.isArray(t)) return parseTranscriptFixture(t.map((e) => JSON.stringify(e)).join("\n"), "transcript");
  const file = resolve(cwd, t);
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`transcript: ${t}: cannot read: ${code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  return parseTranscriptFixture(source, t);
}
