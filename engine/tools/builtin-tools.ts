// The tools every session starts with, in the order the model sees them.
import type { ToolDefinition, ToolRegistry } from "../kernel/tool-registry.js";
import { bashTool, type BashOptions } from "./bash-tool.js";
import { editTool } from "./edit-tool.js";
import { fetchTool, type FetchOptions } from "./fetch-tool.js";
import { findTool } from "./find-tool.js";
import { grepTool, type GrepOptions } from "./grep-tool.js";
import { lsTool } from "./ls-tool.js";
import { readTool } from "./read-tool.js";
import { writeTool } from "./write-tool.js";

export type BuiltinToolOptions = { bash?: BashOptions; grep?: GrepOptions; fetch?: FetchOptions };

/** read, write, edit, bash, grep, find, ls and fetch, owned by "host". */
export function builtinTools(options: BuiltinToolOptions = {}): ToolDefinition[] {
  return [readTool(), writeTool(), editTool(), bashTool(options.bash), grepTool(options.grep), findTool(), lsTool(), fetchTool(options.fetch)];
}

/** Registers the built-in tools in a registry. */
export function registerBuiltinTools(registry: ToolRegistry, options: BuiltinToolOptions = {}): void {
  for (const tool of builtinTools(options)) registry.register(tool);
}

/** The config's `tools` settings that reach the built-ins and the registry. */
export type ToolSettings = { bash_timeout_ms: number; output_cap: number };

/** Registers the built-in tools as the config says: bash's default timeout, the byte cap on every result. */
export function registerConfiguredTools(registry: ToolRegistry, settings: ToolSettings): void {
  registry.setResultCap(settings.output_cap);
  registerBuiltinTools(registry, { bash: { defaultTimeoutMs: settings.bash_timeout_ms } });
}
