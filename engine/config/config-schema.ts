// The configuration schema: every key, its type and its default, as data walked by the loader.
import { THEME_NAMES, type ThemeName } from "../kernel/style.js";

export type { ThemeName };

export type ThinkingLevel = "off" | "minimal" | "low" | "medium" | "high";
export type ProviderApi = "openai-chat" | "anthropic-messages";
/** An `extensions.use` entry exactly as written: `"scheme:value"` or `{source, version}`. */
export type ExtensionUse = string | { source: string; version?: string };

export type ProviderConfig = {
  api: ProviderApi;
  base_url: string;
  api_key_env?: string;
  models: string[];
  context_window?: number;
  headers: Record<string, string>;
  timeout_ms?: number;
  idle_timeout_ms?: number;
};

export type Config = {
  assistant: {
    provider: string;
    model: string;
    thinking_level: ThinkingLevel;
    max_turns: number;
    system_prompt?: string;
  };
  providers: Record<string, ProviderConfig>;
  extensions: { enabled: boolean; use: ExtensionUse[]; watch: boolean; budget_ms?: number; settings?: Record<string, Record<string, unknown>> };
  /** A layout table kept as plain data; the layout layer validates it. */
  layout?: Record<string, unknown>;
  theme: ThemeName;
  theme_tokens: Record<string, string>;
  ui: { mouse: boolean; fps: number; tool_lines: number; bare: boolean };
  /** `approve`: tools whose calls wait for the user's approval (default none). */
  tools: { bash_timeout_ms: number; output_cap: number; approve: string[] };
  session: { auto_compact: boolean };
  /** `models.<provider>/<id>`: catalog overrides and additions (engine/model/model-catalog.ts). */
  models: Record<string, ModelConfig>;
};

/** One `models.<provider>/<id>` table. */
export type ModelConfig = {
  context_window?: number;
  max_output?: number;
  images?: boolean;
  reasoning?: boolean;
  price?: { input: number; output: number; cache_read?: number; cache_write?: number };
};

/** One node of the schema. `section` has fixed keys; `map` has user-chosen keys of one shape. */
export type SchemaNode =
  /** `pattern` (with `means`, the words after "expected") narrows the strings accepted. */
  | { kind: "string"; nonEmpty?: boolean; pattern?: RegExp; means?: string }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "bool" }
  | { kind: "int"; min: number; max?: number }
  | { kind: "number"; min: number }
  | { kind: "color" }
  | { kind: "list"; of: SchemaNode }
  | { kind: "section"; fields: Record<string, SchemaNode>; required?: readonly string[] }
  | { kind: "map"; of: SchemaNode }
  | { kind: "table" }
  | { kind: "extension-source" };

const str: SchemaNode = { kind: "string" };
const nonEmpty: SchemaNode = { kind: "string", nonEmpty: true };

export const THINKING_LEVELS: readonly ThinkingLevel[] = ["off", "minimal", "low", "medium", "high"];
export const PROVIDER_APIS: readonly ProviderApi[] = ["openai-chat", "anthropic-messages"];

/** The shape of one `providers.<id>` table. */
export const providerSchema: SchemaNode = {
  kind: "section",
  required: ["api", "base_url"],
  fields: {
    api: { kind: "enum", values: PROVIDER_APIS },
    base_url: nonEmpty,
    api_key_env: nonEmpty,
    models: { kind: "list", of: nonEmpty },
    context_window: { kind: "int", min: 1 },
    headers: { kind: "map", of: str },
    timeout_ms: { kind: "int", min: 1 },
    idle_timeout_ms: { kind: "int", min: 1 },
  },
};

/** The shape of one `models.<provider>/<id>` table; prices are USD per million tokens. */
export const modelSchema: SchemaNode = {
  kind: "section",
  fields: {
    context_window: { kind: "int", min: 1 },
    max_output: { kind: "int", min: 1 },
    images: { kind: "bool" },
    reasoning: { kind: "bool" },
    price: {
      kind: "section",
      required: ["input", "output"],
      fields: {
        input: { kind: "number", min: 0 },
        output: { kind: "number", min: 0 },
        cache_read: { kind: "number", min: 0 },
        cache_write: { kind: "number", min: 0 },
      },
    },
  },
};

/** The whole file: the loader walks this to validate, merge and list keys. */
export const configSchema: SchemaNode = {
  kind: "section",
  fields: {
    assistant: {
      kind: "section",
      fields: {
        provider: nonEmpty,
        model: nonEmpty,
        thinking_level: { kind: "enum", values: THINKING_LEVELS },
        max_turns: { kind: "int", min: 1 },
        system_prompt: str,
      },
    },
    providers: { kind: "map", of: providerSchema },
    extensions: {
      kind: "section",
      fields: {
        enabled: { kind: "bool" },
        use: { kind: "list", of: { kind: "extension-source" } },
        // The chat reloads an extension when its files change (path: sources).
        watch: { kind: "bool" },
        budget_ms: { kind: "int", min: 0 },
        // Per-extension settings, read by the extension with librecode.extension.config().
        settings: { kind: "map", of: { kind: "table" } },
      },
    },
    layout: { kind: "table" },
    theme: { kind: "enum", values: THEME_NAMES },
    theme_tokens: { kind: "map", of: { kind: "color" } },
    ui: {
      kind: "section",
      fields: {
        mouse: { kind: "bool" },
        fps: { kind: "int", min: 1, max: 240 },
        tool_lines: { kind: "int", min: 0 },
        // Bare mode: no stock layout, windows, keys or chat loop; the screen is what extensions build.
        bare: { kind: "bool" },
      },
    },
    tools: {
      kind: "section",
      fields: {
        bash_timeout_ms: { kind: "int", min: 1 },
        output_cap: { kind: "int", min: 1 },
        approve: { kind: "list", of: { kind: "string", pattern: /^[A-Za-z0-9_-]{1,64}$/, means: "a tool name (letters, digits, '_' or '-')" } },
      },
    },
    session: { kind: "section", fields: { auto_compact: { kind: "bool" } } },
    models: { kind: "map", of: modelSchema },
  },
};

/** The built-in defaults; a fresh copy each call so callers may mutate theirs. */
export function defaultConfig(): Config {
  return {
    assistant: { provider: "openai", model: "gpt-4.1-mini", thinking_level: "off", max_turns: 50 },
    providers: {},
    extensions: { enabled: true, use: ["path:.librecode/extensions"], watch: false },
    theme: "dark",
    theme_tokens: {},
    ui: { mouse: false, fps: 60, tool_lines: 12, bare: false },
    tools: { bash_timeout_ms: 120_000, output_cap: 262_144, approve: [] },
    session: { auto_compact: true },
    models: {},
  };
}

/** The schema node at a dotted path (map entries match any key, dots included: `models.openai/gpt-4.1`), or undefined. */
export function schemaAt(path: string): SchemaNode | undefined {
  return nodeAt(configSchema, path.split("."));
}

function nodeAt(node: SchemaNode, parts: string[]): SchemaNode | undefined {
  if (parts.length === 0) return node;
  if (node.kind === "section") {
    const child = node.fields[parts[0]!];
    return child && nodeAt(child, parts.slice(1));
  }
  if (node.kind !== "map") return undefined;
  // A map key may itself contain dots; the shortest key that leaves a valid path wins.
  for (let k = 1; k <= parts.length; k++) {
    const found = nodeAt(node.of, parts.slice(k));
    if (found) return found;
  }
  return undefined;
}

/** True for schema nodes whose value is replaced whole when a higher layer sets it. */
export function isLeaf(node: SchemaNode): boolean {
  return node.kind !== "section" && node.kind !== "map";
}
