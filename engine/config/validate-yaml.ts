// Walks a parsed YAML document against the schema, keeping the line of every key.
import type { Alias, Document, LineCounter, Node, Scalar, YAMLMap, YAMLSeq } from "yaml";
import type { SchemaNode } from "./config-schema.js";
import type { ConfigIssue } from "./config-error.js";
import { checkScalar, expectation } from "./check-value.js";
import { describeValue } from "../../layout/describe-value.js";
import { nearName } from "../kernel/error-words.js";
import { lazyYaml } from "./lazy-yaml.js";
import { extensionSourceProblem } from "./extension-source.js";

/** One validated layer: plain values, and the 1-based line of every path it set. */
export type YamlLayer = { value: Record<string, unknown>; lines: Map<string, number>; issues: ConfigIssue[] };

// yaml's node tests, through the lazily loaded module (a document exists, so it is loaded).
const isAlias = (n: unknown): n is Alias => lazyYaml().isAlias(n);
const isMap = (n: unknown): n is YAMLMap => lazyYaml().isMap(n);
const isScalar = (n: unknown): n is Scalar => lazyYaml().isScalar(n);
const isSeq = (n: unknown): n is YAMLSeq => lazyYaml().isSeq(n);

type Walk = { where: string; doc: Document; counter: LineCounter; issues: ConfigIssue[]; lines: Map<string, number> };

/** Validates a whole document (root must be a table or empty) against `schema`. */
export function validateDocument(doc: Document, counter: LineCounter, where: string, schema: SchemaNode): YamlLayer {
  const walk: Walk = { where, doc, counter, issues: [], lines: new Map() };
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return { value: {}, lines: walk.lines, issues: [] };
  const value = visit(walk, root, schema, "");
  return { value: (value as Record<string, unknown>) ?? {}, lines: walk.lines, issues: walk.issues };
}

function lineOf(walk: Walk, node: Node | null | undefined): number {
  const offset = node?.range?.[0] ?? 0;
  return walk.counter.linePos(offset).line;
}

function fail(walk: Walk, node: Node | null | undefined, path: string, message: string): undefined {
  walk.issues.push({ where: walk.where, line: lineOf(walk, node), path, message });
  return undefined;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function visit(walk: Walk, raw: Node | null, schema: SchemaNode, path: string): unknown {
  const node = raw && isAlias(raw) ? (raw.resolve(walk.doc) as Node | undefined) ?? null : raw;
  switch (schema.kind) {
    case "section":
    case "map":
      return visitTable(walk, node, schema, path);
    case "list": {
      if (!isSeq(node)) return fail(walk, node, path, `expected a list, got ${plain(walk, node)}`);
      const out: unknown[] = [];
      let ok = true;
      node.items.forEach((item, i) => {
        const v = visit(walk, item as Node, schema.of, `${path}[${i}]`);
        if (v === undefined) ok = false;
        out.push(v);
      });
      return ok ? out : undefined;
    }
    case "table":
      if (!isMap(node)) return fail(walk, node, path, `expected a table, got ${plain(walk, node)}`);
      return node.toJS(walk.doc);
    case "extension-source":
      return visitSource(walk, node, path);
    default: {
      if (!isScalar(node)) return fail(walk, node, path, `expected ${expectation(schema)}, got ${plain(walk, node)}`);
      const problem = checkScalar(schema, node.value);
      return problem ? fail(walk, node, path, problem) : node.value;
    }
  }
}

function visitTable(walk: Walk, node: Node | null, schema: SchemaNode & { kind: "section" | "map" }, path: string): unknown {
  // `assistant:` with every child commented out is an empty table, not an error.
  if (node === null || (isScalar(node) && node.value === null && path !== "")) return {};
  if (!isMap(node)) return fail(walk, node, path || "(root)", `expected a table, got ${plain(walk, node)}`);
  const out: Record<string, unknown> = {};
  for (const pair of node.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : "";
    if (!isScalar(keyNode) || key === "") {
      fail(walk, keyNode, path || "(root)", `expected a key name, got ${plain(walk, keyNode)}`);
      continue;
    }
    const childPath = join(path, key);
    let child: SchemaNode | undefined;
    if (schema.kind === "map") child = schema.of;
    else child = schema.fields[key];
    if (!child) {
      const near = nearName(key, Object.keys((schema as { fields: Record<string, SchemaNode> }).fields));
      fail(walk, keyNode, childPath, near ? `unknown key (did you mean ${near}?)` : "unknown key");
      continue;
    }
    walk.lines.set(childPath, lineOf(walk, keyNode));
    const value = visit(walk, pair.value as Node | null, child, childPath);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function visitSource(walk: Walk, node: Node | null, path: string): unknown {
  if (isScalar(node) && typeof node.value === "string") {
    const problem = extensionSourceProblem(node.value);
    return problem ? fail(walk, node, path, problem) : node.value;
  }
  if (!isMap(node)) {
    return fail(walk, node, path, `expected ${expectation({ kind: "extension-source" })}, got ${plain(walk, node)}`);
  }
  const schema: SchemaNode = {
    kind: "section",
    fields: { source: { kind: "string", nonEmpty: true }, version: { kind: "string", nonEmpty: true } },
  };
  const value = visitTable(walk, node, schema, path) as { source?: string; version?: string } | undefined;
  if (!value) return undefined;
  if (value.source === undefined) {
    if (!walk.issues.some((i) => i.path.startsWith(`${path}.source`))) fail(walk, node, path, "missing required key source");
    return undefined;
  }
  const problem = extensionSourceProblem(value.source);
  if (problem) return fail(walk, node.get("source", true) as Node, `${path}.source`, problem);
  return value;
}

function plain(walk: Walk, node: Node | null): string {
  if (node === null) return "null";
  if (isMap(node)) return "a table";
  if (isSeq(node)) return "a list";
  return describeValue(node.toJS(walk.doc), "yaml");
}
