/**
 * A decoded key press, as lua-api.md names keys: a printable key is its character with `text`
 * set; `ctrl+x`, `alt+x`, `ctrl+alt+x` carry empty text; special keys are `escape enter tab
 * shift+tab backspace delete left right up down home end pageup pagedown insert f1..f12` with
 * their modifiers in the flags.
 */
export type KeyEvent = {
  key: string;
  text: string;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
};

/** Builds a key event with the flags defaulted to false. */
export function keyEvent(key: string, init: Partial<Omit<KeyEvent, "key">> = {}): KeyEvent {
  return { key, text: init.text ?? "", ctrl: init.ctrl ?? false, alt: init.alt ?? false, shift: init.shift ?? false };
}
