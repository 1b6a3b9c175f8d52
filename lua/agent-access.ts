// What the model, tools, session and agent Lua groups share: the assistant of the runtime (an error
// naming the function when no chat session is open) and guarded calls of the callbacks they were
// given, which run like every extension callback (budgeted, rolled back and reported on error,
// counted towards disabling the extension).
import { agentOf, type AgentHandle } from "../engine/agent/agent-handle.js";
import type { LuaExtension } from "./lua-extension.js";
import { LuaFunctionRef } from "./lua-value.js";

/** The runtime's assistant; throws `fn: expected an open chat session, got none` before one exists. */
export function agentFor(ext: LuaExtension, fn: string): AgentHandle {
  const h = agentOf(ext.rt);
  if (!h) throw new Error(`${fn}: expected an open chat session, got none (render and extension run have no model)`);
  return h;
}

/** Calls `f` (when it is a function) guarded, under the name `where`; its own error is reported once. */
export function callGuarded(ext: LuaExtension, f: unknown, where: string, args: unknown[]): void {
  if (!(f instanceof LuaFunctionRef)) return;
  ext.rt.guard(ext.name, where, () => ext.call(f, args), f);
}

/** Releases the Lua functions among `values` (a callback table that will not be called again). */
export function releaseFunctions(values: unknown[]): void {
  for (const v of values) if (v instanceof LuaFunctionRef) v.release();
}
