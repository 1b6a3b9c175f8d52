// What the model, tools, session and agent Lua groups share: the assistant of the runtime (opened
// on first use in bare mode; an error naming the function when there is none) and guarded calls of the callbacks they were
// given, which run like every extension callback (budgeted, rolled back and reported on error,
// counted towards disabling the extension).
import { agentOf, agentOffered, openAgent, type AgentHandle } from "../engine/agent/agent-handle.js";
import type { LuaExtension } from "./lua-extension.js";
import { LuaFunctionRef } from "./lua-value.js";

/** The runtime's assistant, opened now when one is offered (bare mode); throws `fn: expected an open chat session, got none` when there is none. */
export function agentFor(ext: LuaExtension, fn: string): AgentHandle {
  let h: AgentHandle | undefined;
  try {
    h = openAgent(ext.rt);
  } catch (e) {
    throw new Error(`${fn}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!h) throw new Error(`${fn}: expected an open chat session, got none (render and extension run have no model)`);
  return h;
}

/** The open assistant; undefined when one is offered but not opened yet (nothing runs there); throws as agentFor when there is none. */
export function openedAgent(ext: LuaExtension, fn: string): AgentHandle | undefined {
  return agentOf(ext.rt) ?? (agentOffered(ext.rt) ? undefined : agentFor(ext, fn));
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
