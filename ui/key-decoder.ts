import { keyEvent, type KeyEvent } from "../engine/kernel/key-event.js";
import { graphemes } from "./text-measure.js";

/** A mouse report (SGR encoding); rows and columns are 0-based screen cells. */
export type MouseEvent = {
  type: "mouse";
  action: "press" | "release" | "drag" | "move" | "wheel";
  button: "left" | "middle" | "right" | "none";
  /** Set for wheel events. */
  direction: "up" | "down" | "left" | "right" | null;
  row: number;
  col: number;
  shift: boolean;
  alt: boolean;
  ctrl: boolean;
};

/**
 * What the terminal sent, decoded. `kitty-flags` answers the `CSI ? u` query and
 * `device-attributes` answers DA1; the Terminal consumes both while probing the keyboard protocol.
 */
export type InputEvent =
  | { type: "key"; key: KeyEvent }
  | { type: "paste"; text: string }
  | { type: "focus"; focused: boolean }
  | MouseEvent
  | { type: "kitty-flags"; flags: number }
  | { type: "device-attributes" };

type Mods = { shift: boolean; alt: boolean; ctrl: boolean };
const NO_MODS: Mods = { shift: false, alt: false, ctrl: false };

const ESC = "\x1b";
const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";

// Legacy `CSI n ~` numbers (xterm, VT220) and the letter finals of CSI / SS3.
const TILDE_KEYS: Record<number, string> = {
  1: "home", 2: "insert", 3: "delete", 4: "end", 5: "pageup", 6: "pagedown", 7: "home", 8: "end",
  11: "f1", 12: "f2", 13: "f3", 14: "f4", 15: "f5", 17: "f6", 18: "f7", 19: "f8", 20: "f9", 21: "f10",
  23: "f11", 24: "f12",
};
const LETTER_KEYS: Record<string, string> = {
  A: "up", B: "down", C: "right", D: "left", H: "home", F: "end", E: "begin",
  P: "f1", Q: "f2", R: "f3", S: "f4", M: "enter",
};
// Kitty CSI-u key codes that are not plain characters.
const KITTY_KEYS: Record<number, string> = {
  27: "escape", 13: "enter", 9: "tab", 127: "backspace", 8: "backspace",
  57414: "enter", 57417: "left", 57418: "right", 57419: "up", 57420: "down", 57421: "pageup",
  57422: "pagedown", 57423: "home", 57424: "end", 57425: "insert", 57426: "delete",
};
const KITTY_KEYPAD_TEXT: Record<number, string> = {
  57409: ".", 57410: "/", 57411: "*", 57412: "-", 57413: "+", 57415: "=", 57416: ",",
};

/** Modifier flags from an xterm/kitty modifier parameter (1 + bit field; lock bits ignored). */
function modsFrom(param: number | undefined): Mods {
  if (!param || param < 2) return NO_MODS;
  const bits = param - 1;
  // Kitty's "meta" bit is what other terminals call alt.
  return { shift: (bits & 1) !== 0, alt: (bits & (2 | 32)) !== 0, ctrl: (bits & 4) !== 0 };
}

/** A special key (enter, up, f5...) with modifiers in the flags; shifted tab is `shift+tab`. */
function specialKey(name: string, m: Mods): KeyEvent {
  if (name === "tab" && m.shift) return keyEvent("shift+tab", { shift: true, ctrl: m.ctrl, alt: m.alt });
  return keyEvent(name, { ctrl: m.ctrl, alt: m.alt, shift: m.shift });
}

/** A character key: plain it types `text`; with ctrl/alt it is `ctrl+x`/`alt+x`/`ctrl+alt+x`. */
function charKey(ch: string, m: Mods): KeyEvent {
  if (!m.ctrl && !m.alt) return keyEvent(ch, { text: ch, shift: m.shift });
  const prefix = (m.ctrl ? "ctrl+" : "") + (m.alt ? "alt+" : "");
  return keyEvent(prefix + ch, { ctrl: m.ctrl, alt: m.alt, shift: m.shift });
}

/** The key for one C0 control byte or DEL (ESC excluded). */
function controlKey(code: number, alt: boolean): KeyEvent {
  const m = { shift: false, alt, ctrl: false };
  switch (code) {
    case 0x0d: return specialKey("enter", m);
    case 0x09: return specialKey("tab", m);
    case 0x7f: case 0x08: return specialKey("backspace", m);
    case 0x00: return charKey(" ", { ...m, ctrl: true });
    default:
      // 0x01-0x1a are ctrl+a..ctrl+z (0x0a is ctrl+j); 0x1c-0x1f are ctrl+\ ] ^ _.
      return charKey(code <= 0x1a ? String.fromCharCode(code + 0x60) : String.fromCharCode(code + 0x40), { ...m, ctrl: true });
  }
}

function withAlt(ev: InputEvent): InputEvent {
  if (ev.type !== "key" || ev.key.alt) return ev;
  const k = ev.key;
  if (k.text !== "") return { type: "key", key: charKey(k.key, { shift: k.shift, alt: true, ctrl: false }) };
  if (k.ctrl && k.key.startsWith("ctrl+")) return { type: "key", key: charKey(k.key.slice(5), { shift: k.shift, alt: true, ctrl: true }) };
  return { type: "key", key: { ...k, alt: true } };
}

// One decoded unit: the event (or null for a sequence we swallow) and how many chars it used.
// `wait` means the buffer ends inside a sequence that more bytes may complete.
type Step = { ev: InputEvent | null; used: number } | "wait";

/**
 * Stateful decoder of terminal input into key, paste, focus and mouse events. Bytes may arrive
 * split anywhere; an incomplete escape sequence waits for the next feed. A lone ESC is ambiguous
 * (escape key or the start of a sequence), so it waits too: call `flushPending()` once input has
 * been quiet for a short time (the Terminal uses ~30 ms) to turn it into `escape`.
 */
export class KeyDecoder {
  private buf = "";
  private paste: string | null = null;

  /** Decodes as much of the input so far as is complete. */
  feed(bytes: string): InputEvent[] {
    this.buf += bytes;
    return this.drain(false);
  }

  /** True when bytes are held back waiting for the rest of a sequence (or a lone ESC). */
  get hasPending(): boolean {
    return this.buf.length > 0 && this.paste === null;
  }

  /** Decodes held-back bytes as they stand: a lone ESC becomes `escape`, ESC x becomes `alt+x`. */
  flushPending(): InputEvent[] {
    if (this.paste !== null) return [];
    return this.drain(true);
  }

  private drain(final: boolean): InputEvent[] {
    const out: InputEvent[] = [];
    while (this.buf.length > 0) {
      if (this.paste !== null) {
        if (!this.takePaste(out)) break;
        continue;
      }
      if (this.buf.startsWith(PASTE_START)) {
        this.buf = this.buf.slice(PASTE_START.length);
        this.paste = "";
        continue;
      }
      const step = this.step(0, final);
      if (step === "wait") break;
      if (step.ev) out.push(step.ev);
      this.buf = this.buf.slice(step.used);
    }
    return out;
  }

  // Moves pasted text out of the buffer; true once the end marker was seen.
  private takePaste(out: InputEvent[]): boolean {
    const end = this.buf.indexOf(PASTE_END);
    if (end < 0) {
      // Keep a tail that might be the start of a split end marker.
      let keep = 0;
      for (let k = Math.min(PASTE_END.length - 1, this.buf.length); k > 0; k--) {
        if (PASTE_END.startsWith(this.buf.slice(-k))) { keep = k; break; }
      }
      this.paste += this.buf.slice(0, this.buf.length - keep);
      this.buf = this.buf.slice(this.buf.length - keep);
      return false;
    }
    const text = (this.paste + this.buf.slice(0, end)).replace(/\r\n?/g, "\n");
    this.buf = this.buf.slice(end + PASTE_END.length);
    this.paste = null;
    out.push({ type: "paste", text });
    return true;
  }

  private step(i: number, final: boolean): Step {
    const s = this.buf;
    const c = s.charCodeAt(i);
    if (c === 0x1b) return this.escape(i, final);
    if (c < 0x20 || c === 0x7f) return { ev: { type: "key", key: controlKey(c, false) }, used: 1 };
    // A run of printable text: emit its first grapheme (combining marks stay with their base).
    let j = i;
    while (j < s.length && j - i < 16) {
      const d = s.charCodeAt(j);
      if (d < 0x20 || d === 0x7f) break;
      j++;
    }
    const g = graphemes(s.slice(i, j))[0]!;
    return { ev: { type: "key", key: charKey(g, NO_MODS) }, used: g.length };
  }

  private escape(i: number, final: boolean): Step {
    const s = this.buf;
    if (i + 1 >= s.length) return final ? { ev: { type: "key", key: specialKey("escape", NO_MODS) }, used: 1 } : "wait";
    const next = s[i + 1];
    if (next === "[") {
      const csi = this.csi(i, final);
      if (csi !== null) return csi;
    } else if (next === "O") {
      if (i + 2 >= s.length) return final ? { ev: { type: "key", key: charKey("O", { ...NO_MODS, alt: true }) }, used: 2 } : "wait";
      const name = LETTER_KEYS[s[i + 2]!];
      return { ev: name ? { type: "key", key: specialKey(name, NO_MODS) } : null, used: 3 };
    }
    // ESC followed by anything else is that key with alt held.
    if (next === "[" && final) return { ev: { type: "key", key: charKey("[", { ...NO_MODS, alt: true }) }, used: 2 };
    const inner = this.step(i + 1, final);
    if (inner === "wait") return "wait";
    return { ev: inner.ev ? withAlt(inner.ev) : null, used: 1 + inner.used };
  }

  // Parses `ESC [ params final`; null when incomplete and `final` (then ESC [ is alt+[).
  private csi(i: number, final: boolean): Step | null {
    const s = this.buf;
    let j = i + 2;
    while (j < s.length) {
      const d = s.charCodeAt(j);
      if (d >= 0x40 && d <= 0x7e) break;
      if (d < 0x20 || d > 0x3f) return { ev: null, used: j - i }; // malformed: drop it
      j++;
    }
    if (j >= s.length) return final ? null : "wait";
    const body = s.slice(i + 2, j);
    const fin = s[j]!;
    if (fin === "[" && body === "") {
      // Linux console F1-F5: ESC [ [ A..E.
      if (j + 1 >= s.length) return final ? null : "wait";
      const n = "ABCDE".indexOf(s[j + 1]!);
      return { ev: n >= 0 ? { type: "key", key: specialKey(`f${n + 1}`, NO_MODS) } : null, used: j - i + 2 };
    }
    const used = j - i + 1;
    return { ev: decodeCsi(body, fin), used };
  }
}

/** Decodes the body and final byte of a complete CSI sequence (null: ignored). */
function decodeCsi(body: string, fin: string): InputEvent | null {
  if (body.startsWith("<") && (fin === "M" || fin === "m")) return decodeSgrMouse(body.slice(1), fin === "M");
  if (body.startsWith("?")) {
    if (fin === "u") return { type: "kitty-flags", flags: Number(body.slice(1)) || 0 };
    if (fin === "c") return { type: "device-attributes" };
    return null;
  }
  if (body === "" && fin === "I") return { type: "focus", focused: true };
  if (body === "" && fin === "O") return { type: "focus", focused: false };
  if (body === "" && fin === "Z") return { type: "key", key: specialKey("tab", { ...NO_MODS, shift: true }) };
  const params = body.split(";");
  const first = params[0]!.split(":");
  const code = Number(first[0] || "1");
  const modField = params[1]?.split(":") ?? [];
  const modParam = Number(modField[0] || "1");
  const mods = modsFrom(modParam);
  // Kitty event type 3 is a key release: the press already acted. Super and hyper combinations
  // (cmd+c on macOS) have no name in lua-api.md; typing their letter would be wrong, so drop them.
  if (modField[1] === "3" || (modParam > 1 && ((modParam - 1) & (8 | 16)) !== 0)) return null;
  if (fin === "u") return decodeKittyKey(code, mods);
  // xterm's modifyOtherKeys form: CSI 27 ; modifiers ; code ~ (shift+enter is CSI 27;2;13~).
  if (fin === "~" && code === 27 && params.length === 3) return decodeKittyKey(Number(params[2]), mods);
  if (fin === "~") {
    const name = TILDE_KEYS[code];
    return name ? { type: "key", key: specialKey(name, mods) } : null;
  }
  const name = LETTER_KEYS[fin];
  if (!name || name === "enter" || name === "begin") return null;
  return { type: "key", key: specialKey(name, mods) };
}

function decodeKittyKey(code: number, mods: Mods): InputEvent | null {
  const special = KITTY_KEYS[code];
  if (special) return { type: "key", key: specialKey(special, mods) };
  let ch: string | undefined;
  if (code >= 57399 && code <= 57408) ch = String(code - 57399);
  else ch = KITTY_KEYPAD_TEXT[code];
  if (ch === undefined) {
    // Other private-use codes are lock and modifier keys themselves (reported only on request).
    if ((code >= 0xe000 && code <= 0xf8ff) || code < 0x20 || code > 0x10ffff) return null;
    ch = String.fromCodePoint(code);
  }
  // Kitty reports the unshifted key; shift with a letter means the capital.
  if (mods.shift && ch.length === 1 && ch >= "a" && ch <= "z") ch = ch.toUpperCase();
  return { type: "key", key: charKey(ch, mods) };
}

function decodeSgrMouse(body: string, pressed: boolean): MouseEvent | null {
  const [b, x, y] = body.split(";").map(Number) as [number, number, number];
  if (!Number.isFinite(b) || !Number.isFinite(x) || !Number.isFinite(y)) return null;
  const base = { type: "mouse" as const, row: y - 1, col: x - 1, shift: (b & 4) !== 0, alt: (b & 8) !== 0, ctrl: (b & 16) !== 0 };
  const low = b & 3;
  if (b & 64) {
    const direction = (["up", "down", "left", "right"] as const)[low]!;
    return { ...base, action: "wheel", button: "none", direction };
  }
  const button = (["left", "middle", "right", "none"] as const)[low]!;
  const action = b & 32 ? (low === 3 ? "move" : "drag") : pressed ? "press" : "release";
  return { ...base, action, button, direction: null };
}
