// librecode.layout: get(), set() and overlay() over the Runtime's layout state.
import type { ApiFn } from "./lua-args.js";
import { ArgError } from "./lua-args.js";
import { layoutToLua } from "./event-table.js";
import type { LuaExtension } from "./lua-extension.js";
import { isUpstreamLayout, setUpstreamLayout } from "./upstream-layout.js";

/** librecode.layout: get() -> {width, height, root, windows}; set(t) with a tree or the original's
 *  `windows` form; overlay(name, node|nil[, before]) lays a panel over whatever layout is in force. */
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
    overlay: (a) => {
      const name = a.string(1, "name");
      if (!a.isNil(2) && a.type(2) !== "table") a.fail(2, "node", "table or nil");
      const node = a.isNil(2) ? undefined : a.table(2, "node");
      const before = a.optString(3, "before");
      try {
        ext.rt.setOverlay(name, node, before, ext.name);
      } catch (e) {
        // "layout: overlays.NAME.height: expected ...", as layout.set words its errors.
        throw new ArgError(e instanceof Error ? e.message : String(e));
      }
      return true;
    },
  };
}
