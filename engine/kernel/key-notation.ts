// Key names: normalizing keymap lhs strings (lua-api.md "Keys and keymaps"), the canonical name of
// a key event (what an lhs is compared with), and the `<c-x>` notation of `render --keys`.
import { keyEvent, type KeyEvent } from "./key-event.js";

const MODIFIER = /^(c|ctrl|control|m|a|alt|meta|s|shift)[-+]/;
const MODIFIER_NAMES: Record<string, "ctrl" | "alt" | "shift"> = {
  c: "ctrl", ctrl: "ctrl", control: "ctrl", m: "alt", a: "alt", alt: "alt", meta: "alt", s: "shift", shift: "shift",
};
const ALIASES: Record<string, string> = {
  esc: "escape", cr: "enter", return: "enter", enter: "enter", bs: "backspace", space: " ", del: "delete",
  ins: "insert", lt: "<", gt: ">", bar: "|", bslash: "\\", pgup: "pageup", pgdn: "pagedown", pagedn: "pagedown",
};
/** Keys with a name rather than a character (KeyEvent.key for them is the name). */
const SPECIAL = new Set([
  "escape", "enter", "tab", "backspace", "delete", "left", "right", "up", "down", "home", "end", "pageup",
  "pagedown", "insert", ...Array.from({ length: 12 }, (_, i) => `f${i + 1}`),
]);

type Parsed = { ctrl: boolean; alt: boolean; shift: boolean; base: string };

/**
 * The canonical form of a keymap lhs: "<C-CR>" -> "ctrl+enter", "<esc>" -> "escape", "*"/"any" -> "*".
 * A lone character keeps its case ("G" and "g" are different keys); longer names are lower-cased.
 */
export function normalizeLhs(lhs: string): string {
  let s = lhs.trim();
  if (s === "") return lhs === "" ? "" : " ";
  if (s.length > 2 && s.startsWith("<") && s.endsWith(">")) s = s.slice(1, -1);
  if ([...s].length === 1) return s;
  s = s.toLowerCase();
  if (s === "*" || s === "any") return "*";
  return format(parseName(s));
}

/** The canonical name of a key event, as normalizeLhs spells the same key. */
export function keyName(ev: KeyEvent): string {
  const p = parseName(ev.key);
  const base = p.base;
  const flags = { ctrl: p.ctrl || ev.ctrl, alt: p.alt || ev.alt, shift: p.shift || ev.shift };
  if ([...base].length === 1) {
    if (!flags.ctrl && !flags.alt) return base;
    flags.shift = false; // as in normalizeLhs: a shifted character is just the character
  }
  return format({ ...flags, base: SPECIAL.has(base.toLowerCase()) || [...base].length === 1 ? base.toLowerCase() : base });
}

/** True when a normalized lhs matches the key (the `*` wildcard matches every key). */
export function lhsMatches(lhs: string, name: string): boolean {
  return lhs === "*" || lhs === name;
}

/** Key events for `render --keys` notation: plain characters are typed, `<...>` names a key, `<lt>` is `<`. */
export function parseKeys(notation: string): KeyEvent[] {
  const out: KeyEvent[] = [];
  const chars = [...notation];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === "<") {
      const close = chars.indexOf(">", i + 2);
      const inner = close > 0 ? chars.slice(i + 1, close).join("") : "";
      if (/^[a-z0-9]+([-+][^\s<>]+)*$/i.test(inner) && (inner.length > 1 || close === i + 2)) {
        out.push(keyEventFromName(normalizeLhs(`<${inner}>`)));
        i = close;
        continue;
      }
    }
    out.push(c === "\n" || c === "\r" ? keyEvent("enter") : keyEvent(c, { text: c }));
  }
  return out;
}

/** The key event a canonical key name stands for ("ctrl+x", "enter", "shift+tab", "G"). */
export function keyEventFromName(name: string): KeyEvent {
  if ([...name].length === 1) return keyEvent(name, { text: name });
  const p = parseName(name, false);
  if (p.base === "tab" && p.shift && !p.ctrl && !p.alt) return keyEvent("shift+tab", { shift: true });
  if (SPECIAL.has(p.base)) return keyEvent(p.base, { ctrl: p.ctrl, alt: p.alt, shift: p.shift });
  if (!p.ctrl && !p.alt) return keyEvent(p.base, { text: p.base });
  return keyEvent(format({ ...p, shift: false }), { ctrl: p.ctrl, alt: p.alt });
}

/** Splits leading modifiers off a key name; with aliases, `cr` becomes `enter` and so on. */
function parseName(s: string, aliases = true): Parsed {
  const p: Parsed = { ctrl: false, alt: false, shift: false, base: s };
  for (;;) {
    const m = MODIFIER.exec(p.base);
    if (!m || p.base.length <= m[0].length) break;
    p[MODIFIER_NAMES[m[1]!.toLowerCase()]!] = true;
    p.base = p.base.slice(m[0].length);
  }
  if (aliases) p.base = ALIASES[p.base] ?? p.base;
  if (p.shift && [...p.base].length === 1) {
    // A shifted character is already the character typed: <S-x> is "X".
    p.shift = false;
    if (!p.ctrl && !p.alt) p.base = p.base.toUpperCase();
  }
  return p;
}

function format(p: Parsed): string {
  return `${p.ctrl ? "ctrl+" : ""}${p.alt ? "alt+" : ""}${p.shift ? "shift+" : ""}${p.base}`;
}
