// A small JSON-schema checker for the subset tool schemas use: type, properties, required, enum,
// minimum/maximum on numbers, items, additionalProperties false. Errors name the argument path.

/** The JSON type name of a value, as a schema would say it ("array", "null", "integer" never). */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value === undefined) return "nothing";
  return typeof value;
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "null":
      return value === null;
    default:
      return typeof value === type;
  }
}

/** Whether a property schema's type admits null ("null" or a type list containing it). */
export function allowsNull(schema: Record<string, unknown>): boolean {
  return schema.type === "null" || (Array.isArray(schema.type) && schema.type.includes("null"));
}

function describeGot(expected: string[], value: unknown): string {
  // "expected integer, got 1.5" reads better than "got number" when only the fraction is wrong.
  if (typeof value === "number" && expected.includes("integer")) return String(value);
  return jsonTypeOf(value);
}

function where(path: string): string {
  return path === "" ? "arguments" : `argument '${path}'`;
}

function asSchema(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Checks value against schema; returns the first problem as "argument 'p': expected X, got Y", or undefined. */
export function checkSchema(schema: Record<string, unknown>, value: unknown, path = ""): string | undefined {
  const types = typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type.map(String) : [];
  if (types.length > 0 && !types.some((t) => typeMatches(t, value))) {
    return `${where(path)}: expected ${types.join(" or ")}, got ${describeGot(types, value)}`;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) {
    const options = schema.enum.map((e) => JSON.stringify(e)).join(", ");
    return `${where(path)}: expected one of ${options}, got ${JSON.stringify(value)}`;
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) {
      return `${where(path)}: expected ${types[0] ?? "number"} >= ${schema.minimum}, got ${value}`;
    }
    if (typeof schema.maximum === "number" && value > schema.maximum) {
      return `${where(path)}: expected ${types[0] ?? "number"} <= ${schema.maximum}, got ${value}`;
    }
  }
  if (Array.isArray(value)) {
    const items = asSchema(schema.items);
    if (items) {
      for (let i = 0; i < value.length; i++) {
        const problem = checkSchema(items, value[i], `${path}[${i}]`);
        if (problem) return problem;
      }
    }
  }
  if (typeMatches("object", value)) return checkObject(schema, value as Record<string, unknown>, path);
  return undefined;
}

function checkObject(schema: Record<string, unknown>, value: Record<string, unknown>, path: string): string | undefined {
  const properties = asSchema(schema.properties) ?? {};
  const prefix = path === "" ? "" : `${path}.`;
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
  for (const key of required) {
    if (value[key] === undefined) {
      const propType = asSchema(properties[key])?.type;
      const expected = typeof propType === "string" ? propType : "a value";
      return `${where(prefix + key)}: expected ${expected}, got nothing (it is required)`;
    }
  }
  for (const [key, child] of Object.entries(value)) {
    const propSchema = asSchema(properties[key]);
    if (propSchema) {
      // An explicit null for an optional argument means "not given"; models send that often.
      if (child === null && !required.includes(key) && !allowsNull(propSchema)) continue;
      const problem = checkSchema(propSchema, child, prefix + key);
      if (problem) return problem;
    } else if (schema.additionalProperties === false) {
      const known = Object.keys(properties).join(", ");
      return `${where(prefix + key)}: unknown argument (expected one of: ${known})`;
    } else {
      const extra = asSchema(schema.additionalProperties);
      const problem = extra ? checkSchema(extra, child, prefix + key) : undefined;
      if (problem) return problem;
    }
  }
  return undefined;
}
