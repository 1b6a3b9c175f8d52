// The ids `librecode.on` and `api.create_autocmd` hand out, so `off(id)` can remove a registration.
import type { LuaFunctionRef } from "./lua-value.js";

type Registration = { removers: Array<() => void>; fn: LuaFunctionRef };

/** One extension's live handler registrations by id (ids count from 1 per extension). */
export class HandlerIds {
  private readonly byId = new Map<number, Registration>();
  private seq = 0;

  /** Files the removers of one registration (one per event name) under a new id. */
  add(removers: Array<() => void>, fn: LuaFunctionRef): number {
    const id = ++this.seq;
    this.byId.set(id, { removers, fn });
    return id;
  }

  /** Removes the registration's handlers and releases its function; false for an unknown id. */
  remove(id: number): boolean {
    const r = this.byId.get(id);
    if (!r) return false;
    this.byId.delete(id);
    for (const remove of r.removers) remove();
    r.fn.release();
    return true;
  }

  /** Removes every registration (the extension is disposed). */
  clear(): void {
    for (const id of [...this.byId.keys()]) this.remove(id);
  }
}
