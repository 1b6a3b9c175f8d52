// `config show` and `config validate`: the effective values with their sources, and all problems.
import { plainLines, type StyledRow } from "../kernel/style.js";
import { configSchema, type SchemaNode } from "./config-schema.js";
import { formatIssue } from "./config-error.js";
import { collectConfig, type LoadConfigOptions, type LoadedConfig } from "./load-config.js";

/** One effective leaf value and where it came from. */
export type ConfigEntry = { path: string; value: unknown; source: string };

/** Every effective leaf in schema order (map entries in the order they were written). */
export function configEntries(loaded: LoadedConfig): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  const walk = (value: unknown, schema: SchemaNode, path: string): void => {
    if (value === undefined) return;
    if (schema.kind === "section" || schema.kind === "map") {
      const obj = value as Record<string, unknown>;
      const keys = schema.kind === "section" ? Object.keys(schema.fields) : Object.keys(obj);
      for (const key of keys) {
        const child = schema.kind === "section" ? schema.fields[key]! : schema.of;
        walk(obj[key], child, path ? `${path}.${key}` : key);
      }
      return;
    }
    const loc = loaded.locations.get(path);
    const source = loc === undefined ? "default" : loc.line === undefined ? loc.where : `${loc.where}:${loc.line}`;
    out.push({ path, value, source });
  };
  walk(loaded.config, configSchema, "");
  return out;
}

/** `config show`: one line per value, `path = json-value  # source` (source: default, env:NAME or file:line). */
export function formatConfigShow(loaded: LoadedConfig): string[] {
  return plainLines(configShowRows(loaded));
}

/** formatConfigShow's lines as styled rows: the value in the accent colour, the source muted. */
export function configShowRows(loaded: LoadedConfig): StyledRow[] {
  const entries = configEntries(loaded);
  const left = entries.map((e) => `${e.path} = ${JSON.stringify(e.value)}`);
  const width = Math.min(48, Math.max(0, ...left.map((l) => l.length)));
  return entries.map((e, i) => [
    { text: `${e.path} = ` },
    { text: JSON.stringify(e.value), style: { fg: "accent" } },
    { text: " ".repeat(Math.max(0, width - left[i]!.length)) + "  " },
    { text: `# ${e.source}`, style: { fg: e.source === "default" ? "muted" : "success" } },
  ]);
}

/** `config validate`: the files read and every problem (one formatted line each); ok when none. */
export function validateConfigFiles(opts: LoadConfigOptions): { ok: boolean; files: string[]; errors: string[] } {
  const { loaded, issues } = collectConfig(opts);
  return { ok: issues.length === 0, files: loaded.files, errors: issues.map(formatIssue) };
}
