// librecode.agent: run(prompt), interrupt(), busy() drive the chat loop; set_loop(fn) lets one
// extension run each prompt's turns itself (with model.stream and tools.run), finish(result) ends
// such a run, take_steering() hands it what the user typed meanwhile.
import { customLoopOf, setCustomLoop, type LoopFinish, type LoopStart } from "../engine/agent/agent-handle.js";
import { ArgError, type ApiFn } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";
import { agentFor, openedAgent } from "./agent-access.js";
import { fieldsArg, type FieldSchema } from "./table-fields.js";
import type { LuaFunctionRef } from "./lua-value.js";

const STOPS = ["stop", "length", "tool_use", "aborted", "error", "max_turns"] as const;
const FINISH_FIELDS: FieldSchema = { stop_reason: STOPS, text: "string", error: "string" };

/** librecode.agent: run, interrupt, busy, set_loop, finish, take_steering. */
export function agentApi(ext: LuaExtension): Record<string, ApiFn> {
  const rt = ext.rt;
  let loopFn: LuaFunctionRef | undefined;
  /** Ends the run this extension's loop is running, if any. */
  let finishRun: ((f: LoopFinish) => void) | undefined;
  const end = (f: LoopFinish) => {
    const fin = finishRun;
    finishRun = undefined;
    fin?.(f);
  };
  const drop = () => {
    if (customLoopOf(rt)?.owner === ext.name) setCustomLoop(rt, undefined);
    loopFn?.release();
    loopFn = undefined;
  };
  ext.onDispose(() => {
    drop();
    end({ stop: "error", error: `agent loop: extension ${ext.name} stopped during the run${ext.reason ? ` (${ext.reason})` : ""}` });
  });
  const runLoop = (start: LoopStart, finish: (f: LoopFinish) => void): void => {
    if (ext.status !== "loaded" || !loopFn) return finish({ stop: "error", error: `agent loop: extension ${ext.name} is ${ext.status}` });
    finishRun = finish;
    const run = { prompt: start.prompt, system: start.system, session_id: start.sessionId, max_turns: start.maxTurns };
    const fn = loopFn;
    const r = rt.guard(ext.name, "agent loop", () => ext.call(fn, [run]), fn);
    if (!r.ok) end({ stop: "error", error: `agent loop: ${r.error.message}` });
  };
  return {
    run: (a) => {
      const prompt = a.string(1, "prompt");
      agentFor(ext, a.fn).run(prompt);
      return true;
    },
    interrupt: (a) => {
      openedAgent(ext, a.fn)?.interrupt();
      return true;
    },
    busy: (a) => openedAgent(ext, a.fn)?.busy() ?? false,
    set_loop: (a) => {
      const owner = customLoopOf(rt)?.owner;
      if (owner !== undefined && owner !== ext.name) throw new ArgError(`${a.fn}: expected no other loop, got the one of extension ${owner}`);
      if (a.isNil(1)) {
        drop();
        return true;
      }
      const fn = a.func(1, "fn");
      loopFn?.release();
      loopFn = fn;
      setCustomLoop(rt, { owner: ext.name, run: runLoop });
      return true;
    },
    finish: (a) => {
      const r = fieldsArg(a, 1, "result", FINISH_FIELDS);
      if (!finishRun) throw new ArgError(`${a.fn}: expected a run of this extension's loop, got none running`);
      end({
        stop: (r.stop_reason as LoopFinish["stop"] | undefined) ?? (typeof r.error === "string" ? "error" : "stop"),
        ...(typeof r.text === "string" ? { text: r.text } : {}), ...(typeof r.error === "string" ? { error: r.error } : {}),
      });
      return true;
    },
    take_steering: (a) => agentFor(ext, a.fn).takeSteering(),
  };
}
