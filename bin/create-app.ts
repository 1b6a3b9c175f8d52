// The wiring every screen-showing command shares: configuration, theme, the Runtime with the
// stock chat (or bare mode), layouts (config, then --layout), extensions, and the status line's metadata.
import { AuthStore } from "../engine/auth/auth-store.js";
import { BARE_LAYOUT, installBareMode, type BareMode } from "../engine/chat/bare-mode.js";
import { installStockChat, type StockChat } from "../engine/chat/stock-chat.js";
import { basename } from "node:path";
import { librecodeHome, loadConfig, type LoadedConfig, type ThemeName } from "../engine/config/index.js";
import { resolveProvider } from "../engine/model/provider-registry.js";
import { Runtime } from "../engine/kernel/runtime.js";
import type { Clock } from "../engine/kernel/scheduler.js";
import { registerConfiguredTools } from "../engine/tools/builtin-tools.js";
import type { LayoutNode } from "../layout/layout-table.js";
import type { ExtensionHost } from "../lua/extension-host.js";
import { createTheme, noColorFromEnv, type Theme } from "../ui/theme.js";
import { AppPainter } from "../ui/app-painter.js";
import { loadSettings } from "./load-settings.js";
import { extensionsWanted } from "./extension-preflight.js";
import { UsageError } from "./usage-error.js";

export type AppOptions = {
  width: number;
  height: number;
  cwd?: string;
  clock?: Clock;
  /** `--config FILE`. */
  config?: string;
  /** false for `--no-extensions`. */
  extensions?: boolean;
  /** `--extension PATH` (repeatable): loaded as `path:` sources would be. */
  extensionPaths?: string[];
  /** `--layout FILE`. */
  layoutFile?: string;
  /** A layout table applied after `layoutFile` (snapshot cases may write it inline). */
  layout?: unknown;
  /**
   * Machine-independent: no config file, no environment, no stored keys (the offline `script`
   * model), and the status line shows only the working directory's name. Snapshot cases use it.
   */
  isolated?: boolean;
  theme?: ThemeName;
  provider?: string;
  model?: string;
  /** `--bare` (else config `ui.bare`): no stock layout, windows, keys or chat loop. */
  bare?: boolean;
};

/** What every app has; `mode` tells the stock chat from bare mode. */
type AppParts = {
  runtime: Runtime;
  loaded: LoadedConfig;
  theme: Theme;
  painter: AppPainter;
  home: string;
  /** null when there was no extension to load (the Lua VM was never imported). */
  extensions: ExtensionHost | null;
  /** Why the provider/model of this run cannot be used (unknown id, missing key), else null. */
  providerError: string | null;
};

/** The chat: the stock chat installed, its controller to be opened. */
export type ChatApp = AppParts & { mode: "chat"; chat: StockChat };
/** Bare mode: the screen is what extensions build. */
export type BareApp = AppParts & { mode: "bare"; bare: BareMode };
export type App = ChatApp | BareApp;

/** Builds the runtime and everything on it; bad config, theme or layout input throws a one-line UsageError/ConfigError. */
export async function createApp(opts: AppOptions): Promise<App> {
  const cwd = opts.cwd ?? process.cwd();
  const home = librecodeHome();
  const loaded = opts.isolated ? loadConfig({ cwd, files: false, env: {} }) : loadSettings({ config: opts.config }, cwd);
  const config = loaded.config;
  const theme = buildTheme(opts.theme ?? config.theme, config.theme_tokens);
  const bare = opts.bare ?? config.ui.bare;
  const runtime = new Runtime({
    width: opts.width, height: opts.height, cwd, ...(opts.clock ? { clock: opts.clock } : {}), ...(bare ? { layout: BARE_LAYOUT } : {}),
  });
  registerConfiguredTools(runtime.tools, config.tools);
  const surface: { mode: "chat"; chat: StockChat } | { mode: "bare"; bare: BareMode } = bare
    ? { mode: "bare", bare: installBareMode(runtime) }
    : { mode: "chat", chat: installStockChat(runtime, { toolLines: config.ui.tool_lines }) };
  const painter = new AppPainter(runtime, theme, { minimumSize: !bare });
  if (surface.mode === "bare") {
    const b = surface.bare;
    painter.setNotes(() => b.notes());
  }
  if (config.layout !== undefined) applyLayout(runtime, config.layout, "config: layout");
  if (opts.layoutFile !== undefined) applyLayout(runtime, await readLayoutFile(opts.layoutFile), `layout: ${opts.layoutFile}`);
  if (opts.layout !== undefined) applyLayout(runtime, opts.layout, "layout");
  const model = modelStatus(loaded, opts, home, cwd);
  if (surface.mode === "chat") surface.chat.setStatus({ cwd: opts.isolated ? basename(cwd) : cwd, thinking_level: config.assistant.thinking_level, ...model.status });
  const extOpts = { cwd, home, enabled: opts.extensions !== false, paths: opts.extensionPaths ?? [], mode: surface.mode };
  // fengari is imported only when an extension exists; without one, `startup` is all there is to do.
  const extensions = extensionsWanted(loaded, extOpts)
    ? (await import("./app-extensions.js")).loadAppExtensions(runtime, loaded, extOpts)
    : null;
  if (extensions === null) runtime.emit("startup", { width: runtime.width, height: runtime.height });
  return { ...surface, runtime, loaded, theme, painter, home, extensions, providerError: model.error };
}

/** Reads and checks a `--layout` file (YAML, JSON, or Lua through lua/); any problem is one UsageError line. */
async function readLayoutFile(file: string): Promise<LayoutNode> {
  if (/\.lua$/i.test(file)) (await import("../lua/lua-layout-file.js")).registerLuaLayoutLoader();
  // Imported only for --layout: it pulls in the yaml parser, which a plain start does not need.
  const { parseLayoutFile } = await import("../engine/kernel/layout-file.js");
  try {
    // parseLayoutFile names the file in every error; the runtime then applies the checked table.
    return parseLayoutFile(file);
  } catch (e) {
    const msg = ((e as Error).message ?? String(e)).split("\n")[0]!;
    throw new UsageError(msg.startsWith("layout: ") ? msg : `layout: ${file}: ${msg}`);
  }
}

function buildTheme(name: ThemeName, overrides: Record<string, string>): Theme {
  try {
    return createTheme({ name, overrides, noColor: noColorFromEnv() });
  } catch (e) {
    throw new UsageError(`config: ${(e as Error).message}`);
  }
}

function applyLayout(runtime: Runtime, table: unknown, where: string): void {
  try {
    runtime.layoutSet(table);
  } catch (e) {
    const msg = (e as Error).message;
    throw new UsageError(msg.startsWith("layout: ") ? msg : `${where}: ${msg}`);
  }
}

function modelStatus(loaded: LoadedConfig, opts: AppOptions, home: string, cwd: string): { status: Record<string, string>; error: string | null } {
  const wanted = { provider: opts.provider ?? loaded.config.assistant.provider, model: opts.model ?? loaded.config.assistant.model };
  try {
    const r = resolveProvider(loaded.config, {
      sources: loaded.sources, cwd,
      ...(opts.provider ? { provider: opts.provider } : {}), ...(opts.model ? { model: opts.model } : {}),
    }, opts.isolated ? {} : process.env, opts.isolated ? {} : new AuthStore(home).storedKeys());
    return { status: { provider: r.providerId, model: r.model, model_label: r.label }, error: null };
  } catch (e) {
    // `render` shows what is wrong in the status line; the chat refuses to start with it.
    const message = (e as Error).message;
    return { status: { ...wanted, model_label: `${wanted.provider}: ${message}` }, error: message };
  }
}
