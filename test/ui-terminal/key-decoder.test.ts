import { describe, expect, it } from "vitest";
import { keyEvent, type KeyEvent } from "../../engine/kernel/key-event.js";
import { KeyDecoder, type InputEvent } from "../../ui/key-decoder.js";

const key = (name: string, init: Partial<Omit<KeyEvent, "key">> = {}): InputEvent => ({ type: "key", key: keyEvent(name, init) });
const typed = (ch: string): InputEvent => key(ch, { text: ch });

function decode(...chunks: string[]): InputEvent[] {
  const d = new KeyDecoder();
  return chunks.flatMap((c) => d.feed(c));
}

describe("KeyDecoder: legacy sequences", () => {
  const table: [string, string, InputEvent][] = [
    ["a", "a", typed("a")],
    ["G", "G", typed("G")],
    ["$", "$", typed("$")],
    ["space", " ", typed(" ")],
    ["é", "é", typed("é")],
    ["語", "語", typed("語")],
    ["enter", "\r", key("enter")],
    ["ctrl+j", "\n", key("ctrl+j", { ctrl: true })],
    ["tab", "\t", key("tab")],
    ["backspace (DEL)", "\x7f", key("backspace")],
    ["backspace (BS)", "\x08", key("backspace")],
    ["ctrl+a", "\x01", key("ctrl+a", { ctrl: true })],
    ["ctrl+c", "\x03", key("ctrl+c", { ctrl: true })],
    ["ctrl+z", "\x1a", key("ctrl+z", { ctrl: true })],
    ["ctrl+space", "\x00", key("ctrl+ ", { ctrl: true })],
    ["ctrl+\\", "\x1c", key("ctrl+\\", { ctrl: true })],
    ["up (CSI)", "\x1b[A", key("up")],
    ["down (CSI)", "\x1b[B", key("down")],
    ["right (CSI)", "\x1b[C", key("right")],
    ["left (CSI)", "\x1b[D", key("left")],
    ["up (SS3)", "\x1bOA", key("up")],
    ["home (CSI H)", "\x1b[H", key("home")],
    ["end (CSI F)", "\x1b[F", key("end")],
    ["home (SS3 H)", "\x1bOH", key("home")],
    ["home (CSI 1~)", "\x1b[1~", key("home")],
    ["end (CSI 4~)", "\x1b[4~", key("end")],
    ["insert", "\x1b[2~", key("insert")],
    ["delete", "\x1b[3~", key("delete")],
    ["pageup", "\x1b[5~", key("pageup")],
    ["pagedown", "\x1b[6~", key("pagedown")],
    ["f1 (SS3)", "\x1bOP", key("f1")],
    ["f4 (SS3)", "\x1bOS", key("f4")],
    ["f5", "\x1b[15~", key("f5")],
    ["f10", "\x1b[21~", key("f10")],
    ["f12", "\x1b[24~", key("f12")],
    ["shift+tab", "\x1b[Z", key("shift+tab", { shift: true })],
    ["ctrl+up", "\x1b[1;5A", key("up", { ctrl: true })],
    ["shift+right", "\x1b[1;2C", key("right", { shift: true })],
    ["alt+left", "\x1b[1;3D", key("left", { alt: true })],
    ["ctrl+shift+home", "\x1b[1;6H", key("home", { ctrl: true, shift: true })],
    ["ctrl+delete", "\x1b[3;5~", key("delete", { ctrl: true })],
    ["shift+f1", "\x1b[1;2P", key("f1", { shift: true })],
    ["alt+x", "\x1bx", key("alt+x", { alt: true })],
    ["alt+X", "\x1bX", key("alt+X", { alt: true })],
    ["ctrl+alt+x", "\x1b\x18", key("ctrl+alt+x", { ctrl: true, alt: true })],
    ["alt+enter", "\x1b\r", key("enter", { alt: true })],
    ["alt+backspace", "\x1b\x7f", key("backspace", { alt: true })],
    ["alt+up (ESC prefix)", "\x1b\x1b[A", key("up", { alt: true })],
    ["f1 (linux console)", "\x1b[[A", key("f1")],
    ["f5 (linux console)", "\x1b[[E", key("f5")],
    ["shift+enter (xterm modifyOtherKeys)", "\x1b[27;2;13~", key("enter", { shift: true })],
    ["ctrl+i (xterm modifyOtherKeys)", "\x1b[27;5;105~", key("ctrl+i", { ctrl: true })],
  ];
  for (const [name, bytes, want] of table) {
    it(`decodes ${name}`, () => {
      expect(decode(bytes)).toEqual([want]);
    });
  }

  it("decodes typed text as one key per grapheme", () => {
    expect(decode("hi e\u0301!")).toEqual([typed("h"), typed("i"), typed(" "), typed("e\u0301"), typed("!")]);
  });

  it("decodes a burst of mixed keys", () => {
    expect(decode("a\x1b[Ab\r")).toEqual([typed("a"), key("up"), typed("b"), key("enter")]);
  });
});

describe("KeyDecoder: kitty keyboard protocol (CSI u)", () => {
  const table: [string, string, InputEvent][] = [
    ["escape", "\x1b[27u", key("escape")],
    ["shift+enter", "\x1b[13;2u", key("enter", { shift: true })],
    ["ctrl+enter", "\x1b[13;5u", key("enter", { ctrl: true })],
    ["alt+enter", "\x1b[13;3u", key("enter", { alt: true })],
    ["ctrl+backspace", "\x1b[127;5u", key("backspace", { ctrl: true })],
    ["shift+tab", "\x1b[9;2u", key("shift+tab", { shift: true })],
    ["ctrl+a", "\x1b[97;5u", key("ctrl+a", { ctrl: true })],
    ["alt+a", "\x1b[97;3u", key("alt+a", { alt: true })],
    ["ctrl+alt+a", "\x1b[97;7u", key("ctrl+alt+a", { ctrl: true, alt: true })],
    ["ctrl+shift+a", "\x1b[97;6u", key("ctrl+A", { ctrl: true, shift: true })],
    ["ctrl+i (distinct from tab)", "\x1b[105;5u", key("ctrl+i", { ctrl: true })],
    ["ctrl+[ (distinct from escape)", "\x1b[91;5u", key("ctrl+[", { ctrl: true })],
    ["keypad enter", "\x1b[57414u", key("enter")],
    ["caps lock does not count as a modifier", "\x1b[97;69u", key("ctrl+a", { ctrl: true })],
    ["ctrl+up (legacy form under kitty)", "\x1b[1;5A", key("up", { ctrl: true })],
  ];
  for (const [name, bytes, want] of table) {
    it(`decodes ${name}`, () => {
      expect(decode(bytes)).toEqual([want]);
    });
  }

  it("treats kitty's meta modifier as alt", () => {
    expect(decode("\x1b[97;33u")).toEqual([key("alt+a", { alt: true })]);
  });

  it("drops super and hyper combinations rather than typing their letter", () => {
    expect(decode("\x1b[99;9u\x1b[1;17A")).toEqual([]);
  });

  it("ignores key release events", () => {
    expect(decode("\x1b[97;5:3u")).toEqual([]);
  });

  it("reports the answer to the flags query and device attributes", () => {
    expect(decode("\x1b[?1u\x1b[?62;22c")).toEqual([{ type: "kitty-flags", flags: 1 }, { type: "device-attributes" }]);
  });
});

describe("KeyDecoder: escape timeout", () => {
  it("holds a lone ESC until flushPending, then it is escape", () => {
    const d = new KeyDecoder();
    expect(d.feed("\x1b")).toEqual([]);
    expect(d.hasPending).toBe(true);
    expect(d.flushPending()).toEqual([key("escape")]);
    expect(d.hasPending).toBe(false);
  });

  it("completes a sequence split across feeds", () => {
    expect(decode("\x1b", "[", "1;5", "A")).toEqual([key("up", { ctrl: true })]);
  });

  it("turns a held ESC [ into alt+[ on flush", () => {
    const d = new KeyDecoder();
    expect(d.feed("\x1b[")).toEqual([]);
    expect(d.flushPending()).toEqual([key("alt+[", { alt: true })]);
  });

  it("turns ESC ESC into alt+escape on flush", () => {
    const d = new KeyDecoder();
    expect(d.feed("\x1b\x1b")).toEqual([]);
    expect(d.flushPending()).toEqual([key("escape", { alt: true })]);
  });

  it("flushes nothing when nothing is held", () => {
    expect(new KeyDecoder().flushPending()).toEqual([]);
  });
});

describe("KeyDecoder: paste, focus, mouse", () => {
  it("delivers a bracketed paste as one event with newlines normalized", () => {
    expect(decode("\x1b[200~line 1\r\nline 2\rend\x1b[201~x")).toEqual([
      { type: "paste", text: "line 1\nline 2\nend" }, typed("x"),
    ]);
  });

  it("keeps a paste whole when it and its markers are split across feeds", () => {
    expect(decode("\x1b[20", "0~ab\x1b[A", "c\x1b[2", "01", "~")).toEqual([{ type: "paste", text: "ab\x1b[Ac" }]);
  });

  it("does not time out inside a paste", () => {
    const d = new KeyDecoder();
    d.feed("\x1b[200~abc\x1b");
    expect(d.flushPending()).toEqual([]);
    expect(d.feed("[201~")).toEqual([{ type: "paste", text: "abc" }]);
  });

  it("decodes focus in and out", () => {
    expect(decode("\x1b[I\x1b[O")).toEqual([{ type: "focus", focused: true }, { type: "focus", focused: false }]);
  });

  it("decodes SGR mouse wheel, press, drag and release", () => {
    const base = { type: "mouse", shift: false, alt: false, ctrl: false };
    expect(decode("\x1b[<64;10;5M\x1b[<65;1;1M\x1b[<0;3;4M\x1b[<32;4;4M\x1b[<0;4;4m\x1b[<20;2;2M")).toEqual([
      { ...base, action: "wheel", button: "none", direction: "up", row: 4, col: 9 },
      { ...base, action: "wheel", button: "none", direction: "down", row: 0, col: 0 },
      { ...base, action: "press", button: "left", direction: null, row: 3, col: 2 },
      { ...base, action: "drag", button: "left", direction: null, row: 3, col: 3 },
      { ...base, action: "release", button: "left", direction: null, row: 3, col: 3 },
      { ...base, action: "press", button: "left", direction: null, row: 1, col: 1, shift: true, ctrl: true },
    ]);
  });

  it("drops unknown CSI sequences without emitting keys", () => {
    expect(decode("\x1b[99~\x1b[5;7x", "z")).toEqual([typed("z")]);
  });
});
