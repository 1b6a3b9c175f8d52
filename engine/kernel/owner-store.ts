// Per-owner (per-extension) values that outlive the run: `librecode.store`. Values are JSON text.
// A write is journaled like any kernel change and reaches the backend only when the transaction
// commits, so a failing handler's writes vanish with the rest of its changes.
import type { TransactionManager } from "./transaction.js";

/** One write for the backend: value is JSON text, or undefined to delete the key. */
export type StoreChange = { owner: string; key: string; value: string | undefined };

/** Where values live between runs (the sessions database; tests may use memory). */
export type StoreBackend = {
  /** Every key of owner with its JSON text. */
  load(owner: string): Map<string, string>;
  /** Applies changes in order, all or nothing. */
  write(changes: readonly StoreChange[]): void;
};

/** Nesting deeper than this is refused (a value is data, not a graph). */
const MAX_DEPTH = 32;

/** Why v cannot be stored (`value.a[2]: expected a string, number, boolean or table of them, got function`), or undefined. */
export function storeValueError(v: unknown, path = "value", depth = 0): string | undefined {
  if (typeof v === "string" || typeof v === "boolean") return undefined;
  if (typeof v === "number") {
    return Number.isFinite(v) ? undefined : `${path}: expected a finite number, got ${Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf"}`;
  }
  const what = "expected a string, number, boolean or table of them";
  if (typeof v !== "object" || v === null || Object.getPrototypeOf(v) !== (Array.isArray(v) ? Array.prototype : Object.prototype)) {
    return `${path}: ${what}, got ${v === null || v === undefined ? "nil" : typeof v === "object" || typeof v === "function" ? "function" : typeof v}`;
  }
  if (depth >= MAX_DEPTH) return `${path}: expected tables nested at most ${MAX_DEPTH} deep`;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const e = storeValueError(v[i], `${path}[${i + 1}]`, depth + 1);
      if (e) return e;
    }
    return undefined;
  }
  for (const [k, x] of Object.entries(v)) {
    const e = storeValueError(x, `${path}.${k}`, depth + 1);
    if (e) return e;
  }
  return undefined;
}

/** Values by owner and key, cached from the backend on first use of an owner. */
export class OwnerStore {
  private readonly cache = new Map<string, Map<string, string>>();
  private pending: StoreChange[] = [];
  private backend: StoreBackend | undefined;
  private open: (() => StoreBackend) | undefined;

  constructor(
    private readonly tx: TransactionManager,
    private readonly onError: (message: string) => void = () => {},
  ) {}

  /** Sets where values persist (opened on first use); without one they last for this run. */
  useBackend(open: () => StoreBackend): void {
    this.open = open;
    this.backend = undefined;
    this.cache.clear();
  }

  /** True once a backend is configured. */
  get persistent(): boolean {
    return this.open !== undefined;
  }

  /** The value of key (a fresh copy), or undefined. */
  get(owner: string, key: string): unknown {
    const text = this.values(owner).get(key);
    return text === undefined ? undefined : JSON.parse(text);
  }

  /** The owner's keys, sorted. */
  keys(owner: string): string[] {
    return [...this.values(owner).keys()].sort();
  }

  /** Sets key (journaled; written at commit). Throws when the value cannot be stored. */
  set(owner: string, key: string, value: unknown): void {
    const error = storeValueError(value);
    if (error) throw new Error(error);
    this.change(owner, key, JSON.stringify(value));
  }

  /** Deletes key (journaled; written at commit); false when there was none. */
  delete(owner: string, key: string): boolean {
    if (!this.values(owner).has(key)) return false;
    this.change(owner, key, undefined);
    return true;
  }

  private change(owner: string, key: string, value: string | undefined): void {
    const values = this.values(owner);
    const before = values.get(key);
    if (value === undefined) values.delete(key);
    else values.set(key, value);
    const change: StoreChange = { owner, key, value };
    this.pending.push(change);
    this.tx.record(() => {
      if (before === undefined) values.delete(key);
      else values.set(key, before);
      const at = this.pending.lastIndexOf(change);
      if (at >= 0) this.pending.splice(at, 1);
    });
    // Each change registers its own flush (dropped with it on rollback); the first to run at
    // commit writes every pending change in one backend transaction, the rest find nothing.
    this.tx.afterCommit(() => this.flush());
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const changes = this.pending;
    this.pending = [];
    if (!this.open) return;
    try {
      this.connect().write(changes);
    } catch (e) {
      this.onError(`store: ${(e as Error).message}`);
    }
  }

  private values(owner: string): Map<string, string> {
    let m = this.cache.get(owner);
    if (m === undefined) {
      m = this.open ? new Map(this.connect().load(owner)) : new Map<string, string>();
      this.cache.set(owner, m);
    }
    return m;
  }

  private connect(): StoreBackend {
    this.backend ??= this.open!();
    return this.backend;
  }
}
