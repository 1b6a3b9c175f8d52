// Type checks of one plain value against a leaf of the schema; shared by files and env vars.
import { isHexColor } from "../kernel/style.js";
import type { SchemaNode } from "./config-schema.js";
import { describeValue } from "../../layout/describe-value.js";
import { orList } from "../kernel/error-words.js";

/** What a schema leaf expects, as the words after "expected". */
export function expectation(node: SchemaNode): string {
  switch (node.kind) {
    case "string":
      if (node.means !== undefined) return node.means;
      return node.nonEmpty ? "a non-empty string" : "a string";
    case "enum":
      return orList(node.values);
    case "bool":
      return "true or false";
    case "int":
      if (node.max !== undefined) return `an integer from ${node.min} to ${node.max}`;
      return `an integer >= ${node.min}`;
    case "number":
      return `a number >= ${node.min}`;
    case "color":
      return 'a color "#rrggbb"';
    case "list":
      return "a list";
    case "section":
    case "map":
    case "table":
      return "a table";
    case "extension-source":
      return 'a source string or a table {source, version}';
  }
}

/** "expected X, got Y" when a scalar value does not fit the leaf, else undefined. */
export function checkScalar(node: SchemaNode, v: unknown): string | undefined {
  const bad = `expected ${expectation(node)}, got ${describeValue(v, "yaml")}`;
  switch (node.kind) {
    case "string":
      if (typeof v !== "string" || (node.nonEmpty && v.trim() === "")) return bad;
      return node.pattern !== undefined && !node.pattern.test(v) ? bad : undefined;
    case "enum":
      return typeof v === "string" && node.values.includes(v) ? undefined : bad;
    case "bool":
      return typeof v === "boolean" ? undefined : bad;
    case "int":
      if (typeof v !== "number" || !Number.isInteger(v) || v < node.min) return bad;
      if (node.max !== undefined && v > node.max) return bad;
      return undefined;
    case "number":
      return typeof v === "number" && Number.isFinite(v) && v >= node.min ? undefined : bad;
    case "color":
      return typeof v === "string" && isHexColor(v) ? undefined : bad;
    default:
      return bad;
  }
}
