// The composer's pure editing keys: a key name (as keyName spells it) -> the text-edit function.
// Keys with side effects (submit, history, scrolling, quitting) live in stock-chat.ts.
import {
  charLeft, charRight, deleteBackward, deleteForward, deleteWordBackward, deleteWordForward, insertText,
  killToLineEnd, killToLineStart, lineEnd, lineStart, wordLeft, wordRight, type TextEdit, type TextState,
} from "./text-edit.js";
import type { KeyEvent } from "../kernel/key-event.js";

type Edit = (st: TextState) => TextEdit;

const newline: Edit = (st) => insertText(st, "\n");
const left = charLeft;
const right = charRight;

/** Editing keys by canonical name (see docs/keys.md). */
export const EDIT_KEYS: Readonly<Record<string, Edit>> = {
  backspace: deleteBackward,
  "ctrl+h": deleteBackward,
  delete: deleteForward,
  left,
  right,
  "ctrl+b": left,
  "ctrl+f": right,
  "alt+left": wordLeft,
  "ctrl+left": wordLeft,
  "alt+b": wordLeft,
  "alt+right": wordRight,
  "ctrl+right": wordRight,
  "alt+f": wordRight,
  home: lineStart,
  "ctrl+a": lineStart,
  end: lineEnd,
  "ctrl+e": lineEnd,
  "ctrl+u": killToLineStart,
  "ctrl+k": killToLineEnd,
  "ctrl+w": deleteWordBackward,
  "alt+backspace": deleteWordBackward,
  "ctrl+backspace": deleteWordBackward,
  "alt+d": deleteWordForward,
  "alt+delete": deleteWordForward,
  "ctrl+delete": deleteWordForward,
  "ctrl+j": newline,
  "shift+enter": newline,
};

/** The text a key types into the composer, or "" for a key that types nothing. */
export function typedText(ev: KeyEvent): string {
  if (ev.ctrl || ev.alt || ev.text === "") return "";
  return ev.text;
}

/** Pasted text as the composer stores it: line endings normalized, tabs kept. */
export function normalizePaste(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}
