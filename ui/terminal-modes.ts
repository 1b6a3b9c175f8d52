// The private modes librecode switches on while it owns the terminal, and the bytes that switch
// them off again. Kept apart from the Terminal class so tests and docs can name the exact bytes.
import { HIDE_CURSOR, SGR_RESET, SHOW_CURSOR } from "./ansi-encode.js";

export const ALT_SCREEN_ON = "\x1b[?1049h";
export const ALT_SCREEN_OFF = "\x1b[?1049l";
export const BRACKETED_PASTE_ON = "\x1b[?2004h";
export const BRACKETED_PASTE_OFF = "\x1b[?2004l";
export const FOCUS_REPORTING_ON = "\x1b[?1004h";
export const FOCUS_REPORTING_OFF = "\x1b[?1004l";
/** Alternate scroll: with mouse reporting off, the wheel on the alternate screen sends up/down keys. */
export const ALTERNATE_SCROLL_ON = "\x1b[?1007h";
export const ALTERNATE_SCROLL_OFF = "\x1b[?1007l";
/** Button presses, drags and the wheel, SGR-encoded (unbounded coordinates). */
export const MOUSE_ON = "\x1b[?1000h\x1b[?1002h\x1b[?1006h";
export const MOUSE_OFF = "\x1b[?1006l\x1b[?1002l\x1b[?1000l";
/** Asks for the kitty keyboard flags, then for device attributes, which every terminal answers. */
export const KITTY_QUERY = "\x1b[?u\x1b[c";
/** Pushes kitty keyboard flags 1 (disambiguate escape codes). */
export const KITTY_PUSH = "\x1b[>1u";
export const KITTY_POP = "\x1b[<u";
/**
 * xterm's modifyOtherKeys level 1, asked for when the kitty protocol is missing: xterm, and tmux
 * with `extended-keys on`, then send shift+enter and ctrl+enter distinguishably (CSI 13;2u or
 * CSI 27;2;13~). Terminals without it ignore the request. Off resets it to the terminal's default.
 */
export const MODIFY_OTHER_KEYS_ON = "\x1b[>4;1m";
export const MODIFY_OTHER_KEYS_OFF = "\x1b[>4m";

/** The bytes `enter()` writes (before the kitty probe's answer). */
export function enterSequence(mouse: boolean): string {
  return ALT_SCREEN_ON + HIDE_CURSOR + BRACKETED_PASTE_ON + FOCUS_REPORTING_ON +
    (mouse ? MOUSE_ON : ALTERNATE_SCROLL_ON);
}

/** The bytes `restore()` writes: every mode off, pen reset, cursor shown, main screen back. */
export function restoreSequence(mouse: boolean, kittyPushed: boolean, modifyOtherKeys = false): string {
  return (kittyPushed ? KITTY_POP : "") + (modifyOtherKeys ? MODIFY_OTHER_KEYS_OFF : "") + (mouse ? MOUSE_OFF : ALTERNATE_SCROLL_OFF) + FOCUS_REPORTING_OFF +
    BRACKETED_PASTE_OFF + SGR_RESET + SHOW_CURSOR + ALT_SCREEN_OFF;
}

/**
 * What the next start writes after a run was killed mid-session (SIGKILL, the OOM killer): every
 * mode any run may have switched on goes off, whatever that run's settings were.
 */
export const REPAIR_SEQUENCE = restoreSequence(true, true, true) + ALTERNATE_SCROLL_OFF;
