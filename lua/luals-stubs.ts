// types/librecode.lua for `librecode extension new`: LuaLS `---@meta` annotations for every
// function of the module, generated from moduleShape (the table installModule builds) and the
// types in api-signatures.ts.
import { Runtime } from "../engine/kernel/runtime.js";
import { LUALS_CLASSES, SIGNATURES, type Signature } from "./api-signatures.js";
import { API_VERSION, moduleShape } from "./librecode-module.js";
import { LuaExtension } from "./lua-extension.js";
import { createLuaState } from "./lua-state.js";

/** Every function of the module as a dotted path under `librecode.` (`buf.insert`, `on`), in table order. */
export function moduleFunctionPaths(): string[] {
  const rt = new Runtime({ cwd: process.cwd() });
  const ext = new LuaExtension("stubs", rt, createLuaState(process.cwd()), process.cwd(), "stubs.lua", "stubs");
  const out: string[] = [];
  for (const [group, fns] of Object.entries(moduleShape(ext))) {
    for (const name of Object.keys(fns)) out.push(group === "" ? name : `${group}.${name}`);
  }
  return out;
}

/** Splits `a: x, b: fun(c: y, d: z)` at the commas that are not inside brackets. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if ("({[<".includes(ch)) depth++;
    else if (")}]>".includes(ch)) depth--;
    if (ch === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim() !== "") out.push(cur.trim());
  return out;
}

/** The signature for a path, following `=other` aliases. */
export function signatureOf(path: string): Signature | undefined {
  let entry = SIGNATURES[path];
  for (let i = 0; typeof entry === "string" && i < 4; i++) entry = SIGNATURES[entry.slice(1)];
  return typeof entry === "string" ? undefined : entry;
}

function functionStub(path: string): string[] {
  const sig = signatureOf(path) ?? (["...: any", "any", ""] as const);
  const [params, returns, doc] = sig;
  const lines = doc ? [`---${doc}`] : [];
  const names: string[] = [];
  for (const p of splitTop(params)) {
    const colon = p.indexOf(":");
    const name = p.slice(0, colon).trim();
    const type = p.slice(colon + 1).trim();
    names.push(name.replace(/\?$/, ""));
    lines.push(`---@param ${name} ${type}`);
  }
  if (returns) lines.push(`---@return ${returns}`);
  lines.push(`function librecode.${path}(${names.join(", ")}) end`, "");
  return lines;
}

/** The whole types/librecode.lua text for the given function paths (default: the module's). */
export function lualsStubs(paths: string[] = moduleFunctionPaths()): string {
  const lines = [
    "---@meta librecode",
    `-- LuaLS annotations for the librecode module, API version ${API_VERSION}, written by`,
    "-- `librecode extension new` from the table that defines the module.",
    "",
  ];
  for (const [cls, fields] of Object.entries(LUALS_CLASSES)) {
    lines.push(`---@class ${cls}`);
    for (const [k, t] of Object.entries(fields)) lines.push(`---@field ${k} ${t}`);
    lines.push("");
  }
  const groups = [...new Set(paths.filter((p) => p.includes(".")).map((p) => p.slice(0, p.indexOf("."))))];
  lines.push("---@class librecode", `---@field api_version integer ${API_VERSION}`, "librecode = {}", "");
  for (const g of groups) lines.push(`librecode.${g} = {}`);
  lines.push("");
  for (const p of paths) lines.push(...functionStub(p));
  lines.push("return librecode", "");
  return lines.join("\n");
}
