// Loads the layered configuration: env > --config FILE > ./.librecode/config.yaml > $LIBRECODE_HOME/config.yaml > defaults.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { LayoutError, parseLayoutTable } from "../../layout/layout-table.js";
import { displayPath } from "../kernel/display-path.js";
import { configSchema, defaultConfig, isLeaf, schemaAt, type Config, type SchemaNode } from "./config-schema.js";
import { ConfigError, type ConfigIssue } from "./config-error.js";
import { checkModels } from "./check-models.js";
import { lazyYaml } from "./lazy-yaml.js";
import { readEnvOverrides } from "./config-env.js";
import { validateDocument, type YamlLayer } from "./validate-yaml.js";
import { librecodeHome } from "./librecode-home.js";

export { librecodeHome };

export type LoadConfigOptions = {
  cwd: string;
  /** `$LIBRECODE_HOME`; defaults to env.LIBRECODE_HOME, then `~/.librecode`. */
  home?: string;
  /** `--config FILE`, relative to cwd; unlike the other files it must exist. */
  configFile?: string;
  env?: Record<string, string | undefined>;
  /** false: read no config file at all (defaults and env only), as `librecode snapshot` cases do. */
  files?: boolean;
};

/** Where one value came from: a file (as shown to the user) and line, or "default" / "env:NAME". */
export type ValueLocation = { where: string; line?: number };

export type LoadedConfig = {
  config: Config;
  /** Dotted path of every effective leaf -> "default", "env:NAME" or the file it came from. */
  sources: Map<string, string>;
  /** The keys of `sources` with the line for values from files, plus the tables files wrote
   *  (`providers.local`), so a problem found after merging can name a line. */
  locations: Map<string, ValueLocation>;
  /** The config files that exist and were read, lowest layer first (as shown to the user). */
  files: string[];
};

type FileLayer = { path: string; display: string; required: boolean };

/** The config files in layering order, lowest first. */
export function configFiles(opts: LoadConfigOptions): FileLayer[] {
  const env = opts.env ?? process.env;
  const home = opts.home ?? librecodeHome(env);
  const files: FileLayer[] = [
    { path: join(home, "config.yaml"), required: false, display: "" },
    { path: join(opts.cwd, ".librecode", "config.yaml"), required: false, display: "" },
  ];
  if (opts.configFile) files.push({ path: resolve(opts.cwd, opts.configFile), required: true, display: "" });
  for (const f of files) f.display = displayPath(f.path, opts.cwd);
  return files;
}

/** Reads and validates one YAML file; undefined when an optional file does not exist. */
export function readConfigFile(file: FileLayer): YamlLayer | undefined {
  let text: string;
  try {
    text = readFileSync(file.path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !file.required) return undefined;
    const why = code === "ENOENT" ? "file not found" : `cannot read (${code ?? String(err)})`;
    return { value: {}, lines: new Map(), issues: [{ where: file.display, path: "", message: why }] };
  }
  const { LineCounter, parseDocument } = lazyYaml();
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => ({
      where: file.display,
      line: counter.linePos(e.pos[0]).line,
      path: "",
      message: `invalid YAML: ${e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
    }));
    return { value: {}, lines: new Map(), issues };
  }
  return validateDocument(doc, counter, file.display, configSchema);
}

/** Loads every layer and returns all problems found (for `config validate`) alongside the result. */
export function collectConfig(opts: LoadConfigOptions): { loaded: LoadedConfig; issues: ConfigIssue[] } {
  const config = defaultConfig() as unknown as Record<string, unknown>;
  const locations = new Map<string, ValueLocation>();
  const issues: ConfigIssue[] = [];
  const files: string[] = [];
  markDefaults(config, configSchema, "", locations);

  for (const file of opts.files === false ? [] : configFiles(opts)) {
    const layer = readConfigFile(file);
    if (!layer) continue;
    files.push(file.display);
    issues.push(...layer.issues);
    const setLeaf = (path: string) => locations.set(path, { where: file.display, line: layer.lines.get(path) });
    mergeLayer(config, layer.value, configSchema, "", setLeaf);
    for (const [path, line] of layer.lines) {
      if (!isLeaf(schemaAt(path) ?? configSchema)) locations.set(path, { where: file.display, line });
    }
  }

  const providerIds = Object.keys(config.providers as Record<string, unknown>);
  const env = readEnvOverrides(opts.env ?? process.env, schemaAt, providerIds);
  issues.push(...env.issues);
  for (const o of env.overrides) {
    setPath(config, o.path, o.value);
    locations.set(o.path, { where: `env:${o.variable}` });
  }

  issues.push(...finishProviders(config, locations, issues));
  issues.push(...checkModels(config.models as Record<string, Record<string, unknown>>, Object.keys(config.providers as object), locations, issues));
  issues.push(...checkLayout(config.layout, locations));
  const sources = new Map<string, string>();
  for (const [path, loc] of locations) if (isLeafPath(path)) sources.set(path, loc.where);
  return { loaded: { config: config as unknown as Config, sources, locations, files }, issues };
}

// `layout:` is only a table to the schema; the layout layer's own validation (types, sizes within
// its bounds) runs here too, so `config validate` catches what would fail at start.
function checkLayout(layout: unknown, locations: Map<string, ValueLocation>): ConfigIssue[] {
  if (layout === undefined || layout === null || typeof layout !== "object" || Array.isArray(layout)) return [];
  try {
    parseLayoutTable(layout);
    return [];
  } catch (e) {
    if (!(e instanceof LayoutError)) throw e;
    const loc = locations.get("layout") ?? { where: "config" };
    return [{ where: loc.where, line: loc.line, path: "layout", message: e.path === "" ? e.reason : `${e.path}: ${e.reason}` }];
  }
}

/** Loads the effective configuration; throws ConfigError naming file, line and key on any problem. */
export function loadConfig(opts: LoadConfigOptions): LoadedConfig {
  const { loaded, issues } = collectConfig(opts);
  if (issues.length > 0) throw new ConfigError(issues);
  return loaded;
}

function markDefaults(value: unknown, schema: SchemaNode, path: string, locations: Map<string, ValueLocation>): void {
  if (schema.kind === "section" && value && typeof value === "object") {
    for (const [key, child] of Object.entries(schema.fields)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) markDefaults(v, child, path ? `${path}.${key}` : key, locations);
    }
  } else if (isLeaf(schema)) {
    locations.set(path, { where: "default" });
  }
}

function isLeafPath(path: string): boolean {
  const node = schemaAt(path);
  return node !== undefined && isLeaf(node);
}

// Tables merge key by key; everything else (scalars, lists, layout) is replaced whole by a higher layer.
function mergeLayer(
  target: Record<string, unknown>,
  layer: Record<string, unknown>,
  schema: SchemaNode,
  path: string,
  setLeaf: (path: string) => void,
): void {
  for (const [key, value] of Object.entries(layer)) {
    const child = schema.kind === "section" ? schema.fields[key] : schema.kind === "map" ? schema.of : undefined;
    if (!child) continue;
    const childPath = path ? `${path}.${key}` : key;
    if (isLeaf(child)) {
      target[key] = structuredClone(value);
      setLeaf(childPath);
    } else {
      const existing = target[key];
      const sub = existing && typeof existing === "object" ? (existing as Record<string, unknown>) : {};
      target[key] = sub;
      mergeLayer(sub, value as Record<string, unknown>, child, childPath, setLeaf);
    }
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let cur = target;
  for (const p of parts.slice(0, -1)) {
    if (!cur[p] || typeof cur[p] !== "object") cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
}

// Required provider keys are checked after merging, so a project file may override one key of a provider
// the home file defines in full.
function finishProviders(
  config: Record<string, unknown>,
  locations: Map<string, ValueLocation>,
  found: ConfigIssue[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const providers = config.providers as Record<string, Record<string, unknown>>;
  const schema = schemaAt("providers.x") as SchemaNode & { kind: "section" };
  for (const [id, provider] of Object.entries(providers)) {
    const at = locations.get(`providers.${id}`) ?? { where: "config" };
    for (const key of schema.required ?? []) {
      const reported = found.some((i) => i.path === `providers.${id}.${key}`);
      if (provider[key] === undefined && !reported) {
        issues.push({ where: at.where, line: at.line, path: `providers.${id}`, message: `missing required key ${key}` });
      }
    }
    for (const [key, empty] of [["models", []], ["headers", {}]] as const) {
      if (provider[key] === undefined) {
        provider[key] = structuredClone(empty);
        locations.set(`providers.${id}.${key}`, { where: "default" });
      }
    }
  }
  return issues;
}
