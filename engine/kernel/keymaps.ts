// Keymaps: (target, lhs) -> handler. Only keymaps whose target matches the focused window (or
// are global) see a key; they run by priority, ties in registration order.
import { byPriority, nextSeq, type Handler } from "./event-bus.js";
import { lhsMatches, normalizeLhs } from "./key-notation.js";

/** Where a keymap applies (lua-api.md): "global", a spec table, a list of these; any other string is a role. */
export type KeymapTarget =
  | "global"
  | { focus?: string; buffer?: string; window?: string; role?: string; scope?: string; name?: string }
  | string
  | KeymapTarget[];

/** One normalized target: a kind and the value it must equal. */
export type TargetSpec = { kind: "global" | "focus" | "buffer" | "window" | "role"; value: string };

/** The focus a key is dispatched to. */
export type FocusInfo = {
  kind: string; window: string; buffer: string; role: string;
  /** A menu or panel has the keys: only `{focus = kind}` and global keymaps see them. */
  exclusive?: boolean;
  panel_kind?: string;
};

export type KeymapOptions = { priority?: number; desc?: string; owner?: string };

export type KeymapEntry = {
  targets: TargetSpec[];
  /** The targets as a stable string ("global", "role=composer", "buffer=x|window=y"). */
  targetKey: string;
  lhs: string;
  fn: Handler;
  priority: number;
  desc: string;
  owner: string;
  seq: number;
};

/** The normalized specs of a target; throws on a shape that names nothing. */
export function normalizeTarget(target: KeymapTarget): TargetSpec[] {
  if (Array.isArray(target)) return target.flatMap(normalizeTarget);
  if (typeof target === "string") return [target === "global" ? { kind: "global", value: "" } : { kind: "role", value: target }];
  if (typeof target !== "object" || target === null) {
    throw new Error(`keymap: target: expected "global", a role, a table or a list, got ${typeof target}`);
  }
  const out: TargetSpec[] = [];
  for (const kind of ["focus", "buffer", "window", "role"] as const) {
    if (typeof target[kind] === "string") out.push({ kind, value: target[kind]! });
  }
  if (typeof target.scope === "string") {
    const scope = target.scope;
    if (scope === "global") out.push({ kind: "global", value: "" });
    else if (scope === "focus" || scope === "buffer" || scope === "window" || scope === "role") {
      out.push({ kind: scope, value: target.name ?? "" });
    } else {
      throw new Error(`keymap: target.scope: expected global, focus, buffer, window or role, got "${scope}"`);
    }
  }
  if (out.length === 0) throw new Error("keymap: target: expected one of focus, buffer, window, role or scope");
  return out;
}

/** True when spec applies to the focus. `{focus=X}` matches the focused window's name, role or kind. */
export function targetMatches(spec: TargetSpec, f: FocusInfo): boolean {
  if (f.exclusive && spec.kind !== "global") return spec.kind === "focus" && spec.value === f.kind;
  switch (spec.kind) {
    case "global": return true;
    case "window": return spec.value === f.window;
    case "buffer": return spec.value === f.buffer;
    case "role": return spec.value === f.role;
    case "focus": return spec.value === f.window || spec.value === f.role || spec.value === f.kind;
  }
}

/** Registered keymaps. */
export class KeymapRegistry {
  private entries: KeymapEntry[] = [];

  /** Maps lhs on target to fn, replacing a mapping of the same target and lhs. */
  set(target: KeymapTarget, lhs: string, fn: Handler, opts: KeymapOptions = {}): void {
    const targets = normalizeTarget(target);
    const targetKey = targetKeyOf(targets);
    const key = normalizeLhs(lhs);
    this.entries = this.entries.filter((e) => !(e.targetKey === targetKey && e.lhs === key));
    this.entries.push({ targets, targetKey, lhs: key, fn, priority: opts.priority ?? 0, desc: opts.desc ?? "",
      owner: opts.owner ?? "host", seq: nextSeq() });
  }

  /** Removes the mapping of lhs on target; a target that is one of a mapping's list leaves the
   *  others mapped (`del("b", x)` after `set({"a", "b"}, x)` keeps `a`). False when nothing matched. */
  del(target: KeymapTarget, lhs: string): boolean {
    const specs = normalizeTarget(target);
    const targetKey = targetKeyOf(specs);
    const key = normalizeLhs(lhs);
    let removed = false;
    const next: KeymapEntry[] = [];
    for (const e of this.entries) {
      if (e.lhs !== key) next.push(e);
      else if (e.targetKey === targetKey) removed = true;
      else {
        const keep = e.targets.filter((t) => !specs.some((s) => s.kind === t.kind && s.value === t.value));
        if (keep.length < e.targets.length) removed = true;
        if (keep.length === e.targets.length) next.push(e);
        else if (keep.length > 0) next.push({ ...e, targets: keep, targetKey: targetKeyOf(keep) });
      }
    }
    this.entries = next;
    return removed;
  }

  /** Every mapping in registration order (for help and `extension list`). */
  list(): KeymapEntry[] {
    return [...this.entries];
  }

  /** The mappings that see key name on this focus, in dispatch order. */
  match(name: string, focus: FocusInfo): KeymapEntry[] {
    return this.entries
      .filter((e) => lhsMatches(e.lhs, name) && e.targets.some((t) => targetMatches(t, focus)))
      .sort(byPriority);
  }

  /** Removes every mapping registered by owner (a disabled extension). */
  removeOwner(owner: string): void {
    this.entries = this.entries.filter((e) => e.owner !== owner);
  }
}

/** The stable string of normalized targets ("global", "role=composer", "buffer=x|window=y"). */
export function targetKeyOf(targets: TargetSpec[]): string {
  return targets.map((t) => (t.kind === "global" ? "global" : `${t.kind}=${t.value}`)).join("|");
}
