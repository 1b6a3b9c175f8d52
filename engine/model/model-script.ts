// The scripted-conversation format the offline `script` provider plays: parsing and validation.
import { readFileSync } from "node:fs";
import { lazyYaml } from "../config/lazy-yaml.js";
import { describeValue } from "../../layout/describe-value.js";
import { isRecord } from "../kernel/is-record.js";

export type ScriptToolCall = { name: string; arguments: string };

export type ScriptTurn = {
  text: string;
  thinking?: string;
  toolCalls: ScriptToolCall[];
  /** Characters per streamed delta. */
  chunk: number;
  /** Pause before each delta, in milliseconds. */
  delayMs: number;
};

export type ModelScript = { source: string; turns: ScriptTurn[] };

const DEFAULT_CHUNK = 8;
const DEFAULT_DELAY_MS = 20;

/** Reads a JSON or YAML script file; throws "script: FILE: ..." errors. */
export function loadScript(path: string): ModelScript {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`script: ${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let value: unknown;
  try {
    // YAML is a superset of JSON, so one parser reads both.
    value = lazyYaml().parse(text);
  } catch (e) {
    throw new Error(`script: ${path}: not valid JSON or YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  return parseScript(value, path);
}

/** Validates a parsed script: `{chunk?, delay_ms?, turns: [...]}` or a bare list of turns. */
export function parseScript(value: unknown, source: string): ModelScript {
  const fail = (where: string, expected: string, got: unknown): never => {
    throw new Error(`script: ${source}: ${where}: expected ${expected}, got ${describeValue(got, "json")}`);
  };
  const top = Array.isArray(value) ? { turns: value } : value;
  if (!isRecord(top)) return fail("top level", "a list of turns or {turns: [...]}", value);
  const chunk = optInt(top.chunk, "chunk", DEFAULT_CHUNK, 1, fail);
  const delayMs = optInt(top.delay_ms, "delay_ms", DEFAULT_DELAY_MS, 0, fail);
  if (!Array.isArray(top.turns) || top.turns.length === 0) return fail("turns", "a non-empty list", top.turns);
  const turns = top.turns.map((t: unknown, i: number): ScriptTurn => {
    const at = `turns[${i}]`;
    if (!isRecord(t)) return fail(at, "a turn {text, thinking?, tool_calls?}", t);
    if (t.text !== undefined && typeof t.text !== "string") fail(`${at}.text`, "a string", t.text);
    if (t.thinking !== undefined && typeof t.thinking !== "string") fail(`${at}.thinking`, "a string", t.thinking);
    const calls = t.tool_calls ?? [];
    if (!Array.isArray(calls)) return fail(`${at}.tool_calls`, "a list", calls);
    const toolCalls = calls.map((c: unknown, j: number): ScriptToolCall => {
      const cat = `${at}.tool_calls[${j}]`;
      if (!isRecord(c)) return fail(cat, "{name, arguments}", c);
      if (typeof c.name !== "string" || !c.name) fail(`${cat}.name`, "a tool name", c.name);
      return { name: c.name as string, arguments: toolArguments(c.arguments, `${cat}.arguments`, fail) };
    });
    if (!t.text && !t.thinking && toolCalls.length === 0) fail(at, "text, thinking or tool_calls", t);
    return {
      text: (t.text as string | undefined) ?? "",
      ...(t.thinking ? { thinking: t.thinking as string } : {}),
      toolCalls,
      chunk: optInt(t.chunk, `${at}.chunk`, chunk, 1, fail),
      delayMs: optInt(t.delay_ms, `${at}.delay_ms`, delayMs, 0, fail),
    };
  });
  return { source, turns };
}

type Fail = (where: string, expected: string, got: unknown) => never;

function toolArguments(v: unknown, where: string, fail: Fail): string {
  if (v === undefined) return "{}";
  if (isRecord(v)) return JSON.stringify(v);
  if (typeof v === "string") {
    try {
      if (isRecord(JSON.parse(v))) return v;
    } catch {
      // fall through to the error below
    }
  }
  return fail(where, "an object (or its JSON text)", v);
}

function optInt(v: unknown, where: string, dflt: number, min: number, fail: Fail): number {
  if (v === undefined) return dflt;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) fail(where, `an integer >= ${min}`, v);
  return v as number;
}

