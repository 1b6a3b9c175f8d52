// `LIBRECODE_<SECTION>_<KEY>` environment overrides, coerced to the schema type.
import { configSchema, type SchemaNode } from "./config-schema.js";
import type { ConfigIssue } from "./config-error.js";
import { checkScalar, expectation } from "./check-value.js";

/** One override: the dotted config path, the variable that set it and the coerced value. */
export type EnvOverride = { path: string; variable: string; value: unknown };

const SCALAR_KINDS = new Set(["string", "enum", "bool", "int", "color"]);

/** The environment variable name for every scalar key of the fixed schema (not map entries). */
export function envVariables(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: SchemaNode, path: string): void => {
    if (node.kind === "section") {
      for (const [key, child] of Object.entries(node.fields)) walk(child, path ? `${path}.${key}` : key);
    } else if (SCALAR_KINDS.has(node.kind)) {
      out.set(`LIBRECODE_${path.replace(/\./g, "_").toUpperCase()}`, path);
    }
  };
  walk(configSchema, "");
  return out;
}

/** Variables for the scalar keys of providers the files define: `LIBRECODE_PROVIDERS_<ID>_<KEY>`. */
export function providerEnvVariables(ids: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of ids) {
    const upper = id.toUpperCase().replace(/[^A-Z0-9]/g, "_");
    for (const key of ["api", "base_url", "api_key_env", "context_window"]) {
      out.set(`LIBRECODE_PROVIDERS_${upper}_${key.toUpperCase()}`, `providers.${id}.${key}`);
    }
  }
  return out;
}

function coerce(node: SchemaNode, raw: string): unknown {
  if (node.kind === "bool") {
    if (raw === "true" || raw === "1") return true;
    if (raw === "false" || raw === "0") return false;
    return raw;
  }
  if (node.kind === "int") return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  return raw;
}

/** Reads the overrides present in `env`; unknown LIBRECODE_* names are left to other parts. */
export function readEnvOverrides(
  env: Record<string, string | undefined>,
  schemaAt: (p: string) => SchemaNode | undefined,
  providerIds: Iterable<string> = [],
): {
  overrides: EnvOverride[];
  issues: ConfigIssue[];
} {
  const overrides: EnvOverride[] = [];
  const issues: ConfigIssue[] = [];
  for (const [variable, path] of [...envVariables(), ...providerEnvVariables(providerIds)]) {
    const raw = env[variable];
    if (raw === undefined) continue;
    const node = schemaAt(path)!;
    const value = coerce(node, raw);
    const problem = checkScalar(node, value);
    if (problem) {
      const got = typeof value === "string" ? JSON.stringify(raw) : String(value);
      issues.push({ where: `env:${variable}`, path, message: `expected ${expectation(node)}, got ${got}` });
    } else {
      overrides.push({ path, variable, value });
    }
  }
  return { overrides, issues };
}
