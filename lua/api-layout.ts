// librecode.layout: get() and set() over the Runtime's layout state.
import type { ApiFn } from "./lua-args.js";
import { ArgError } from "./lua-args.js";
import { layoutToLua } from "./event-table.js";
import type { LuaExtension } from "./lua-extension.js";
import { isUpstreamLayout, setUpstreamLayout } from "./upstream-layout.js";

/** librecode.layout: get() -> {width, height, root, windows}; set(t) with a tree or the original's `windows` form. */
export function layoutApi(ext: LuaExtension): Record<string, ApiFn> {
  return {
    get: () => layoutToLua(ext.rt),
    set: (a) => {
      const t = a.table(1, "layout");
      try {
        if (isUpstreamLayout(t)) setUpstreamLayout(ext.rt, t);
        else ext.rt.layoutSet(t);
      } catch (e) {
        // A LayoutError already reads "layout: root.children[2].width: expected ..."; keep it verbatim.
        throw new ArgError(e instanceof Error ? e.message : String(e));
      }
      return true;
    },
  };
}
