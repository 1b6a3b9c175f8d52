// Builds the app as `librecode render` does (stock chat, theme, compositor), but in-process and
// without config files, so whole-screen snapshots are fast and independent of the machine.
import { BARE_LAYOUT, installBareMode, type BareMode } from "../../engine/chat/bare-mode.js";
import { installStockChat, type StockChat } from "../../engine/chat/stock-chat.js";
import { parseTranscriptFixture } from "../../engine/chat/transcript-fixture.js";
import { parseKeys } from "../../engine/kernel/key-notation.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { createTheme } from "../../ui/theme.js";
import { AppPainter } from "../../ui/app-painter.js";
import { renderFrame } from "../../bin/render-frame.js";
import type { CursorPos } from "../../ui/cell-grid.js";
import { ExtensionHost } from "../../lua/extension-host.js";

export type ScreenSpec = {
  width: number;
  height: number;
  layout?: unknown;
  /** JSON lines, as `render --transcript` reads them. */
  transcript?: string;
  /** `render --keys` notation. */
  keys?: string;
  /** Anything an extension would do at startup. */
  setup?: (rt: Runtime, chat: StockChat) => void;
  /** Extension files or directories loaded as `--extension PATH` would, before `startup`. */
  extensions?: string[];
};

/** A chat transcript with every kind of entry. */
export const CHAT_FIXTURE = [
  `{"role":"user","text":"What files are here?"}`,
  `{"role":"thinking","text":"The user wants a listing; ls will do."}`,
  `{"role":"tool","name":"ls","arguments":{"path":"."},"text":"README.md\\nsrc/\\ntest/","status":"success"}`,
  `{"role":"assistant","text":"Three entries: **README.md**, and the \`src/\` and \`test/\` directories."}`,
  `{"role":"user","text":"Thanks!"}`,
].join("\n");

/** The frame as text lines, exactly width cells each. */
export function screenLines(spec: ScreenSpec): string[] {
  const clock = new FakeClock();
  const rt = new Runtime({ clock, width: spec.width, height: spec.height, cwd: "/srv/project" });
  const chat = installStockChat(rt);
  const painter = new AppPainter(rt, createTheme({ name: "dark", noColor: true }));
  chat.setStatus({ cwd: "/srv/project", provider: "script", model: "demo", thinking_level: "off" });
  if (spec.layout !== undefined) rt.layoutSet(spec.layout);
  rt.guard("test", "setup", () => spec.setup?.(rt, chat));
  if (spec.extensions) {
    new ExtensionHost(rt, { cwd: "/srv/project", home: "/nonexistent-librecode-home" }).loadPaths(spec.extensions);
    rt.emit("startup", { width: rt.width, height: rt.height });
  }
  const blocks = spec.transcript === undefined ? [] : parseTranscriptFixture(spec.transcript, "fixture.jsonl");
  const { screen } = renderFrame(rt, painter, clock, { blocks, keys: parseKeys(spec.keys ?? "") });
  return screen.back.toLines();
}

export type BareSpec = {
  width: number;
  height: number;
  /** Extension files or directories, loaded before `startup` (event tables say `context.mode = "bare"`). */
  extensions: string[];
  /** Config `extensions.settings`: each extension's table under its name. */
  settings?: Record<string, Record<string, unknown>>;
  cwd?: string;
};

/** Bare mode as `librecode render --bare` builds it (no model), in-process: `frame(keys)` feeds keys and paints one frame; `cursor()` is where that frame left the cursor. */
export function bareFixture(spec: BareSpec): { rt: Runtime; bare: BareMode; clock: FakeClock; frame: (keys?: string) => string[]; cursor: () => CursorPos | null } {
  const clock = new FakeClock();
  const cwd = spec.cwd ?? "/srv/project";
  const rt = new Runtime({ clock, width: spec.width, height: spec.height, cwd, layout: BARE_LAYOUT });
  const bare = installBareMode(rt);
  const painter = new AppPainter(rt, createTheme({ name: "dark", noColor: true }), { minimumSize: false });
  painter.setNotes(() => bare.notes());
  const host = new ExtensionHost(rt, { cwd, home: "/nonexistent-librecode-home", settings: spec.settings ?? {} });
  host.setContext(() => ({ mode: "bare" }));
  host.loadPaths(spec.extensions);
  rt.emit("startup", { width: rt.width, height: rt.height });
  let cursor: CursorPos | null = null;
  const frame = (keys = "") => {
    const painted = renderFrame(rt, painter, clock, { keys: parseKeys(keys) });
    cursor = painted.cursor;
    return painted.screen.back.toLines();
  };
  return { rt, bare, clock, frame, cursor: () => cursor };
}
