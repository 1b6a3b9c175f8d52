// How much one extension may register: every key dispatch and event walks these lists, so an
// extension registering in a loop must hit a wall long before the host slows down.
import { normalizeTarget, targetKeyOf, type KeymapTarget } from "../engine/kernel/keymaps.js";
import { normalizeLhs } from "../engine/kernel/key-notation.js";
import { ArgError } from "./lua-args.js";
import type { LuaExtension } from "./lua-extension.js";

/** The most live registrations of each kind one extension may hold (docs/lua-api.md "Limits"). */
export const REGISTRATION_LIMITS = { handlers: 1000, keymaps: 1000, commands: 200, tools: 100, timers: 1000 } as const;

export type RegistrationKind = keyof typeof REGISTRATION_LIMITS;

const NOUN: Record<RegistrationKind, string> = {
  handlers: "event handlers", keymaps: "keymaps", commands: "commands", tools: "tools", timers: "live timers",
};

function count(ext: LuaExtension, kind: RegistrationKind): number {
  const rt = ext.rt;
  const mine = (xs: { owner: string }[]) => xs.filter((x) => x.owner === ext.name).length;
  switch (kind) {
    case "handlers": return mine(rt.events.list());
    case "keymaps": return mine(rt.keymaps.list());
    case "commands": return mine(rt.commands.list());
    case "tools": return mine(rt.tools.list());
    case "timers": return rt.scheduler.live(ext.name).length;
  }
}

/**
 * Throws the one-line error when `adding` more registrations of `kind` would take the extension
 * past its limit: `keymap.set: extension spam already has 1000 keymaps (the most one extension
 * may register)`. `fn` is the API function named in the message.
 */
export function checkRegistration(ext: LuaExtension, kind: RegistrationKind, fn: string, adding = 1): void {
  const limit = REGISTRATION_LIMITS[kind];
  const have = count(ext, kind);
  if (have + adding > limit) {
    throw new ArgError(`${fn}: extension ${ext.name} already has ${have} ${NOUN[kind]} (the most one extension may register is ${limit})`);
  }
}

/** True when this extension already maps lhs on exactly this target (set() then replaces it). */
export function mapsAlready(ext: LuaExtension, target: KeymapTarget, lhs: string): boolean {
  const key = targetKeyOf(normalizeTarget(target));
  const l = normalizeLhs(lhs);
  return ext.rt.keymaps.list().some((e) => e.owner === ext.name && e.targetKey === key && e.lhs === l);
}

/** True when this extension already owns a command (or tool) of this name (registering replaces it). */
export function ownsName(ext: LuaExtension, kind: "commands" | "tools", name: string): boolean {
  const list = kind === "commands" ? ext.rt.commands.list() : ext.rt.tools.list();
  return list.some((c) => c.name === name && c.owner === ext.name);
}
