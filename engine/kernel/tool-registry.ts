// Tools the model can call: the built-ins (engine/tools/) and those extensions register.
// The registry checks arguments against each tool's JSON schema before the tool ever runs, and turns
// anything a tool throws into an error result, so a bad call never takes the host down.
import { allowsNull, checkSchema, jsonTypeOf } from "./schema-check.js";

/** An image as models take it: a MIME type (image/png, image/jpeg, image/gif, image/webp) and base64 data. */
export type ImageContent = { mimeType: string; data: string };
/** `images` go to the model next to `content` (the read tool's, for a model that accepts images). */
export type ToolResult = { content: string; details?: unknown; isError?: boolean; images?: ImageContent[] };
/** `images`: the current model accepts image content (else tools say in text that they cannot show one). */
export type ToolContext = { cwd: string; signal: AbortSignal; onUpdate?(partial: string): void; images?: boolean };
export type ToolDefinition = {
  name: string;
  description: string;
  schema: Record<string, unknown>;
  owner: string;
  run(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolResult>;
};

/** Bytes of one tool result the model gets unless the host sets another cap (config `tools.output_cap`). */
export const DEFAULT_RESULT_CAP = 262_144;

// The same shape OpenAI and Anthropic accept for function names.
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Holds tool definitions in registration order (built-ins first, extension tools beside them). */
export class ToolRegistry {
  private readonly tools = new Map<string, ToolDefinition>();
  private resultCap = DEFAULT_RESULT_CAP;

  /** Sets the most bytes of one result (built-in tools cut earlier, each with its own note). */
  setResultCap(bytes: number): void {
    this.resultCap = bytes;
  }

  /** Adds a tool; the same owner may replace its own tool, another owner's name is refused. */
  register(def: ToolDefinition): void {
    if (!TOOL_NAME.test(def.name)) {
      throw new Error(`tool registry: name: expected letters, digits, '_' or '-' (1-64), got ${JSON.stringify(def.name)}`);
    }
    if (typeof def.run !== "function") {
      throw new Error(`tool registry: tool ${def.name}: run: expected function, got ${jsonTypeOf(def.run)}`);
    }
    const existing = this.tools.get(def.name);
    if (existing && existing.owner !== def.owner) {
      throw new Error(`tool registry: tool ${def.name}: already registered by ${existing.owner}, cannot register it for ${def.owner}`);
    }
    this.tools.set(def.name, def);
  }

  /** The tool with that name, if any. */
  get(name: string): ToolDefinition | undefined {
    return this.tools.get(name);
  }

  /** Every tool in registration order. */
  list(): ToolDefinition[] {
    return [...this.tools.values()];
  }

  /** Removes every tool an owner registered (an extension being unloaded or reloaded). */
  unregisterOwner(owner: string): void {
    for (const [name, def] of this.tools) if (def.owner === owner) this.tools.delete(name);
  }

  /** The first schema problem with args, as "tool NAME: argument 'x': expected T, got U", or undefined. */
  validate(name: string, args: unknown): string | undefined {
    const def = this.tools.get(name);
    if (!def) return `tool ${name}: unknown tool (known: ${[...this.tools.keys()].join(", ")})`;
    const problem = checkSchema({ type: "object", ...def.schema }, args);
    return problem === undefined ? undefined : `tool ${name}: ${problem}`;
  }

  /** Validates and runs a tool; unknown tools, bad arguments and throws all come back as isError results.
   *  A result over the cap is cut, at a line end when one is near, and says so. */
  async run(name: string, args: unknown, ctx: ToolContext): Promise<ToolResult> {
    const problem = this.validate(name, args);
    if (problem !== undefined) return { content: problem, isError: true };
    const def = this.tools.get(name)!;
    try {
      const result = await def.run(dropNullOptionals(def.schema, args as Record<string, unknown>), ctx);
      return { ...result, content: capText(String(result.content ?? ""), this.resultCap) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { content: `tool ${name}: failed: ${message}`, isError: true };
    }
  }
}

// Models often send `"limit": null` for "not given"; tools then see the argument as absent.
function dropNullOptionals(schema: Record<string, unknown>, args: Record<string, unknown>): Record<string, unknown> {
  const required = Array.isArray(schema.required) ? schema.required : [];
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === null && !required.includes(key) && !allowsNull(properties[key] ?? {})) continue;
    out[key] = value;
  }
  return out;
}

/** text within cap bytes of UTF-8: the head, at a line end in its last quarter if there is one, and a note. */
export function capText(text: string, cap: number): string {
  // Each UTF-16 unit is at most 3 bytes: a text this short fits without measuring.
  if (text.length * 3 <= cap) return text;
  const total = Buffer.byteLength(text);
  if (total <= cap) return text;
  let head = Buffer.from(text.slice(0, cap)).subarray(0, cap).toString("utf8");
  // A character cut in two decodes to U+FFFD at the end: drop it.
  if (head.endsWith("\uFFFD")) head = head.slice(0, -1);
  const nl = head.lastIndexOf("\n");
  if (nl >= head.length * 0.75) head = head.slice(0, nl);
  return `${head}\n\n[tool output truncated: kept the first ${Buffer.byteLength(head)} of ${total} bytes]`;
}
