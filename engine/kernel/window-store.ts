// Windows: named views onto buffers. The layout places them (box); everything else here is what
// extensions and the host set. Every change is journaled and touches the window.
import type { WindowBox } from "../../layout/rect.js";
import type { TransactionManager } from "./transaction.js";

/** Who paints a window: the stock renderer for its role, or only extension draw operations. */
export type Renderer = "default" | "extension";

export type WindowRecord = {
  name: string;
  role: string;
  buffer: string;
  renderer: Renderer;
  cursorRow: number;
  cursorCol: number;
  scroll: number;
  vars: Record<string, unknown>;
  /** Zeros and visible=false until the layout places the window. */
  box: WindowBox;
};

/** The box of a window that no layout node shows. */
export function hiddenBox(): WindowBox {
  return { x: 0, y: 0, width: 0, height: 0, content: { x: 0, y: 0, width: 0, height: 0 }, visible: false, border: "none", z: 0, order: -1 };
}

/** The windows of one runtime. */
export class WindowStore {
  private readonly windows = new Map<string, WindowRecord>();

  constructor(private readonly tx: TransactionManager) {}

  /** Window names, sorted. */
  list(): string[] {
    return [...this.windows.keys()].sort();
  }

  /** The live record (do not mutate it), or undefined. */
  get(name: string): WindowRecord | undefined {
    return this.windows.get(name);
  }

  /** True when the window exists. */
  has(name: string): boolean {
    return this.windows.has(name);
  }

  /** Creates the window (role and buffer default to its name), or patches an existing one. */
  create(name: string, init: Partial<Pick<WindowRecord, "buffer" | "role" | "renderer">> = {}): WindowRecord {
    const existing = this.windows.get(name);
    if (existing) {
      this.set(name, init);
      return existing;
    }
    const w: WindowRecord = {
      name,
      role: init.role ?? name,
      buffer: init.buffer ?? name,
      renderer: init.renderer ?? "default",
      cursorRow: 0,
      cursorCol: 0,
      scroll: 0,
      vars: {},
      box: hiddenBox(),
    };
    this.windows.set(name, w);
    this.tx.record(() => this.windows.delete(name));
    this.tx.touchWindow(name);
    return w;
  }

  /** Patches fields of an existing window (the name cannot change); false when it is missing. */
  set(name: string, patch: Partial<WindowRecord>): boolean {
    const w = this.windows.get(name);
    if (!w) return false;
    const prev: Partial<WindowRecord> = {};
    let changed = false;
    for (const key of Object.keys(patch) as (keyof WindowRecord)[]) {
      const value = patch[key];
      if (key === "name" || value === undefined || w[key] === value) continue;
      (prev as Record<string, unknown>)[key] = w[key];
      (w as Record<string, unknown>)[key] = value;
      changed = true;
    }
    if (!changed) return true;
    this.tx.record(() => Object.assign(w, prev));
    this.tx.touchWindow(name);
    return true;
  }

  /** Sets one window variable; undefined removes it. */
  setVar(name: string, key: string, value: unknown): boolean {
    const w = this.windows.get(name);
    if (!w) return false;
    this.set(name, { vars: withKey(w.vars, key, value) });
    return true;
  }

  /** Removes the window; false when it did not exist. */
  delete(name: string): boolean {
    const w = this.windows.get(name);
    if (!w) return false;
    this.windows.delete(name);
    this.tx.record(() => this.windows.set(name, w));
    this.tx.touchWindow(name);
    return true;
  }

  /** The first window matching every given field, in tree order, then the rest sorted by name. */
  find(q: { name?: string; role?: string; buffer?: string }, treeOrder: string[]): string | undefined {
    const matches = (n: string): boolean => {
      const w = this.windows.get(n);
      return !!w && (q.name === undefined || w.name === q.name) && (q.role === undefined || w.role === q.role) &&
        (q.buffer === undefined || w.buffer === q.buffer);
    };
    const inTree = treeOrder.find(matches);
    if (inTree !== undefined) return inTree;
    const placed = new Set(treeOrder);
    return this.list().find((n) => !placed.has(n) && matches(n));
  }

  /** Names of windows bound to buffer. */
  showing(buffer: string): string[] {
    const out: string[] = [];
    for (const w of this.windows.values()) if (w.buffer === buffer) out.push(w.name);
    return out;
  }
}

function withKey(vars: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...vars };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
