// Ink 6.8 (React 19) driving the benchmark chat: a full-screen 120x40 Box with the transcript
// (bottom-aligned, overflow hidden), a bordered composer and a status line. Messages are
// React.memo components whose markdown is turned into styled lines once per text (with
// librecode's markdown renderer, so both sides pay the same parse cost). Only the newest
// WINDOW messages are mounted: mounting all 10,000 would make Ink lay out every one per frame,
// which no real Ink chat does. Each update is a rerender (legacy sync mode) and Ink's own
// frame code writes to a counting stdout.
// Off the happy path (opts.stream, bench/suites/offpath.mjs) every message is one <Text> of its raw
// text: Ink has no markdown renderer or highlighter, and that is what an Ink chat shows. The
// composer suite holds its text and cursor in the app's state (setComposer, composerKey).
import React from "react";
import { Box, render, Text } from "ink";
import { COMPOSER_START, HEIGHT, STREAM_START, WIDTH } from "../lib/fixture.mjs";
import { CountingSink, NullInput } from "../lib/sink.mjs";

const h = React.createElement;
/** Messages mounted at once: more than can ever fill the transcript rows. */
const WINDOW = 40;
/** Lines a multi-line composer shows around its cursor (pi-tui's Editor: 30% of the rows). */
const COMPOSER_ROWS = Math.floor(HEIGHT * 0.3);

const COLORS = {
  mdHeading: "#f0c674", mdLink: "#81a2be", mdLinkUrl: "#666666", mdCode: "#8abeb7", mdQuote: "#808080",
  mdQuoteBorder: "#808080", mdHr: "#808080", mdListBullet: "#8abeb7", muted: "#808080", borderMuted: "#505050",
  codeText: "#d7d7af", accent: "#8abeb7",
};
const colour = (v) => (v === undefined ? undefined : v.startsWith("#") ? v : COLORS[v] ?? "#d4d4d4");

function spanEl(s, i) {
  const st = s.style ?? {};
  return h(Text, {
    key: i, color: colour(st.fg), backgroundColor: colour(st.bg), bold: st.bold, italic: st.italic,
    underline: st.underline, dimColor: st.dim, inverse: st.reverse,
  }, s.text);
}

/** One message as its raw text in a <Text> (thinking dim and italic), re-laid out when it changes. */
const PlainMessage = React.memo(function PlainMessage({ role, kind, text }) {
  return h(Box, { flexDirection: "column", flexShrink: 0, paddingX: 1, marginBottom: 1, backgroundColor: role === "user" ? "#343541" : undefined },
    h(Text, { wrap: "wrap", dimColor: kind === "thinking", italic: kind === "thinking" }, text));
});

/**
 * The composer: its text with an inverse cell at the cursor. With a cursor (the 1 MB composer
 * suite) it shows COMPOSER_ROWS lines around it, found by scanning for newlines from the cursor:
 * Ink has no editor, so showing only the cursor's lines is the app's work (with all 1 MB in the
 * <Text>, Ink would wrap and lay out all of it per key).
 */
function Composer({ text, cursor }) {
  if (cursor === undefined) return h(Text, null, text, h(Text, { inverse: true }, " "));
  const half = COMPOSER_ROWS / 2;
  let from = text.lastIndexOf("\n", cursor - 1) + 1;
  for (let n = 1; n < half && from > 0; n++) from = text.lastIndexOf("\n", from - 2) + 1;
  let to = text.indexOf("\n", cursor);
  for (let n = 1; n < half && to >= 0; n++) to = text.indexOf("\n", to + 1);
  if (to < 0) to = text.length;
  // The cell under the cursor: its character, or a space at a line's end (the newline stays in `after`).
  const cp = text.codePointAt(cursor);
  const eol = cp === undefined || cp === 10;
  const at = eol ? " " : String.fromCodePoint(cp);
  const after = text.slice(eol ? cursor : cursor + at.length, to);
  return h(Text, { wrap: "wrap" }, text.slice(from, cursor), h(Text, { inverse: true }, at), after);
}

/** Builds the Ink chat; `renderMarkdown` is librecode's (text, width) -> styled lines. */
export async function createInk(messages, renderMarkdown, opts = {}) {
  const plain = opts.stream !== undefined;
  const Message = React.memo(function Message({ role, text }) {
    const lines = React.useMemo(() => renderMarkdown(text, WIDTH - 2), [text]);
    return h(Box, { flexDirection: "column", flexShrink: 0, paddingX: 1, marginBottom: 1, backgroundColor: role === "user" ? "#343541" : undefined },
      lines.map((l, i) => h(Text, { key: i, wrap: "truncate" }, l.length === 0 ? " " : l.map(spanEl))));
  });
  function App({ history, stream, composer, cursor }) {
    const shown = history.slice(Math.max(0, history.length - WINDOW));
    const first = history.length - shown.length;
    return h(Box, { flexDirection: "column", width: WIDTH, height: HEIGHT },
      h(Box, { flexDirection: "column", flexGrow: 1, justifyContent: "flex-end", overflow: "hidden" },
        shown.map((m, i) => h(plain ? PlainMessage : Message, { key: first + i, role: m.role, text: m.text })),
        plain ? h(PlainMessage, { key: "stream", role: "assistant", kind: opts.stream.kind, text: stream }) : h(Message, { key: "stream", role: "assistant", text: stream })),
      h(Box, { borderStyle: "round", borderColor: "#5f87ff", paddingX: 1, flexShrink: 0 },
        h(Composer, { text: composer, cursor })),
      h(Box, { height: 1, flexShrink: 0, paddingX: 1 }, h(Text, { color: "#808080" }, "~/work/librecode  anthropic/claude  ctx 12%")));
  }
  const sink = new CountingSink(WIDTH, HEIGHT);
  const state = { history: messages, stream: opts.stream?.text ?? STREAM_START, composer: COMPOSER_START, cursor: undefined };
  const inst = render(h(App, state), {
    stdout: sink, stdin: new NullInput(), stderr: sink, patchConsole: false, exitOnCtrlC: false, maxFps: 0,
  });
  const frame = () => inst.rerender(h(App, { ...state }));
  return {
    sink, frame,
    streamChar(ch) {
      state.stream += ch;
      frame();
    },
    keystroke(ch) {
      state.composer += ch;
      frame();
    },
    /** Sets the composer's text with the cursor at `cursor` (a UTF-16 offset); no frame. */
    setComposer(text, cursor) {
      state.composer = text;
      state.cursor = cursor;
    },
    /** One key in the composer as a text input would apply it (a character, or backspace); no frame. */
    composerKey(name) {
      const { composer: t, cursor: c } = state;
      if (name === "backspace") {
        if (c === 0) return;
        const n = c >= 2 && /[\uDC00-\uDFFF]/.test(t[c - 1]) ? 2 : 1;
        state.composer = t.slice(0, c - n) + t.slice(c);
        state.cursor = c - n;
      } else {
        state.composer = t.slice(0, c) + name + t.slice(c);
        state.cursor = c + name.length;
      }
    },
    composerLength: () => state.composer.length,
    close() { inst.unmount(); },
  };
}
