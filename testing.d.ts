// The types of `librecode/testing` (dist/bin/render-screen.js). test/cli/testing-export.test.ts
// checks that they match bin/render-screen.ts in both directions.

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

/** One window of the frame. */
export type FrameWindow = {
  x: number; y: number; width: number; height: number;
  content: { x: number; y: number; width: number; height: number };
  role: string; buffer: string; renderer: string; visible: boolean;
};

/** The `librecode render --format json` record. */
export type FrameJson = {
  width: number;
  height: number;
  focus: string;
  /** The responsive layout variant in force (1-based), null for the base tree. */
  variant: number | null;
  cursor: { row: number; col: number };
  windows: Record<string, FrameWindow>;
  lines: string[];
  buffers: Record<string, { text: string; cursor: number; label: string; metadata: Record<string, unknown>; blocks: Record<string, unknown>[]; marks: Record<string, unknown>[] }>;
  errors: { owner: string; where: string; message: string; traceback?: string }[];
};

/** The frame: `text` as `render --format text` prints it, its `lines`, and the `--format json` record. */
export type RenderedScreen = { text: string; lines: string[]; json: FrameJson };

/** Renders one frame as `librecode render` would, isolated from config files, environment and stored keys. */
export declare function renderScreen(opts: RenderScreenOptions): Promise<RenderedScreen>;
