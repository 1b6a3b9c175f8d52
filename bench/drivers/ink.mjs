// Ink 6.8 (React 19) driving the benchmark chat: a full-screen 120x40 Box with the transcript
// (bottom-aligned, overflow hidden), a bordered composer and a status line. Messages are
// React.memo components whose markdown is turned into styled lines once per text (with
// librecode's markdown renderer, so both sides pay the same parse cost). Only the newest
// WINDOW messages are mounted: mounting all 10,000 would make Ink lay out every one per frame,
// which no real Ink chat does. Each update is a rerender (legacy sync mode) and Ink's own
// frame code writes to a counting stdout.
import React from "react";
import { Box, render, Text } from "ink";
import { COMPOSER_START, HEIGHT, STREAM_START, WIDTH } from "../lib/fixture.mjs";
import { CountingSink, NullInput } from "../lib/sink.mjs";

const h = React.createElement;
/** Messages mounted at once: more than can ever fill the transcript rows. */
const WINDOW = 40;

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

/** Builds the Ink chat; `renderMarkdown` is librecode's (text, width) -> styled lines. */
export async function createInk(messages, renderMarkdown) {
  const Message = React.memo(function Message({ role, text }) {
    const lines = React.useMemo(() => renderMarkdown(text, WIDTH - 2), [text]);
    return h(Box, { flexDirection: "column", flexShrink: 0, paddingX: 1, marginBottom: 1, backgroundColor: role === "user" ? "#343541" : undefined },
      lines.map((l, i) => h(Text, { key: i, wrap: "truncate" }, l.length === 0 ? " " : l.map(spanEl))));
  });
  function App({ history, stream, composer }) {
    const shown = history.slice(Math.max(0, history.length - WINDOW));
    const first = history.length - shown.length;
    return h(Box, { flexDirection: "column", width: WIDTH, height: HEIGHT },
      h(Box, { flexDirection: "column", flexGrow: 1, justifyContent: "flex-end", overflow: "hidden" },
        shown.map((m, i) => h(Message, { key: first + i, role: m.role, text: m.text })),
        h(Message, { key: "stream", role: "assistant", text: stream })),
      h(Box, { borderStyle: "round", borderColor: "#5f87ff", paddingX: 1, flexShrink: 0 },
        h(Text, null, composer, h(Text, { inverse: true }, " "))),
      h(Box, { height: 1, flexShrink: 0, paddingX: 1 }, h(Text, { color: "#808080" }, "~/work/librecode  anthropic/claude  ctx 12%")));
  }
  const sink = new CountingSink(WIDTH, HEIGHT);
  const state = { history: messages, stream: STREAM_START, composer: COMPOSER_START };
  const inst = render(h(App, state), {
    stdout: sink, stdin: new NullInput(), stderr: sink, patchConsole: false, exitOnCtrlC: false, maxFps: 0,
  });
  const frame = () => inst.rerender(h(App, { ...state }));
  return {
    sink,
    streamChar(ch) {
      state.stream += ch;
      frame();
    },
    keystroke(ch) {
      state.composer += ch;
      frame();
    },
    close() { inst.unmount(); },
  };
}
