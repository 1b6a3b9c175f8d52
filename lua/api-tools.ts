// librecode.tools: list() and run(name, args, cb[, opts]) -> id. A run goes through the chat loop's
// tool step: `tool_call`/`tool_result` hooks, secret redaction and the tools' own limits.
import { isRecord } from "../engine/kernel/is-record.js";
import type { ApiFn } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";
import { agentFor, callGuarded, releaseFunctions } from "./agent-access.js";
import { fieldsArg, type FieldSchema } from "./table-fields.js";

const RUN_OPTS: FieldSchema = { call_id: "string", record: "boolean" };

/** librecode.tools: list, run. */
export function toolsApi(ext: LuaExtension): Record<string, ApiFn> {
  return {
    list: () => ext.rt.tools.list().map((t) => ({ name: t.name, description: t.description, schema: t.schema, owner: t.owner })),
    run: (a) => {
      const name = a.string(1, "name");
      const args = a.type(2) === "string" ? a.string(2, "args") : a.isNil(2) ? {} : a.table(2, "args");
      if (typeof args !== "string" && !isRecord(args) && !Array.isArray(args)) a.fail(2, "args", "table or JSON string");
      const agent = agentFor(ext, a.fn);
      const cb = a.func(3, "cb");
      let opts: Record<string, unknown>;
      try {
        opts = fieldsArg(a, 4, "opts", RUN_OPTS);
      } catch (e) {
        cb.release();
        throw e;
      }
      const table = Array.isArray(args) ? {} : args;
      return agent.runTool({
        name, args: table as Record<string, unknown> | string, record: opts.record === true,
        ...(typeof opts.call_id === "string" ? { callId: opts.call_id } : {}),
      }, (r) => {
        try {
          callGuarded(ext, cb, `tools.run ${name}`, [{ content: r.content, is_error: r.isError, ...(r.details !== undefined ? { details: r.details } : {}) }]);
        } finally {
          releaseFunctions([cb]);
        }
      }, ext.name);
    },
  };
}
