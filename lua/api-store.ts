// librecode.store (per-extension values kept in librecode.db) and librecode.extension (name, root, config).
import { storeValueError } from "../engine/kernel/owner-store.js";
import { ArgError, type ApiFn } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";

/** librecode.store: get(key), set(key, value), delete(key), keys(). Writes commit with the callback. */
export function storeApi(ext: LuaExtension): Record<string, ApiFn> {
  const store = ext.rt.store;
  return {
    get: (a) => store.get(ext.name, a.string(1, "key")),
    set: (a) => {
      const key = a.string(1, "key");
      if (a.isNil(2)) {
        store.delete(ext.name, key);
        return true;
      }
      const value = a.value(2);
      const error = storeValueError(value);
      // The whole value is argument 2; a part of it is named by its path (`value.tags[2]`).
      if (error) throw new ArgError(`${a.fn}: ${error.startsWith("value:") ? `argument 2 'value'${error.slice(5)}` : error}`);
      store.set(ext.name, key, value);
      return true;
    },
    delete: (a) => store.delete(ext.name, a.string(1, "key")),
    keys: () => store.keys(ext.name),
  };
}

/** librecode.extension: name(), root(), config() (config `extensions.settings.<name>`, `{}` when absent). */
export function extensionApi(ext: LuaExtension): Record<string, ApiFn> {
  return {
    name: () => ext.name,
    root: () => ext.root,
    config: () => structuredClone(ext.settings[ext.name] ?? {}),
  };
}
