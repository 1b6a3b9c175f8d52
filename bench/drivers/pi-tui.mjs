// pi-tui driving the benchmark chat: one Markdown component per message in a Container, the
// streaming message, an Editor and a status Text, rendered by TUI.doRender (what its render
// timer calls) into a counting terminal. pi-tui keeps history in the terminal's scrollback and
// re-renders every component each frame (Markdown caches its lines per text and width).
import { Chalk } from "chalk";
import { Container, Editor, Markdown, Spacer, Text, TUI } from "@mariozechner/pi-tui";
import { COMPOSER_START, HEIGHT, STREAM_START, WIDTH } from "../lib/fixture.mjs";
import { CountingSink } from "../lib/sink.mjs";

const c = new Chalk({ level: 3 });
const hex = (h) => (s) => c.hex(h)(s);
const MD_THEME = {
  heading: (s) => c.bold(c.hex("#f0c674")(s)), link: hex("#81a2be"), linkUrl: hex("#666666"), code: hex("#8abeb7"),
  codeBlock: hex("#d7d7af"), codeBlockBorder: hex("#808080"), quote: hex("#808080"), quoteBorder: hex("#808080"),
  hr: hex("#808080"), listBullet: hex("#8abeb7"), bold: (s) => c.bold(s), italic: (s) => c.italic(s),
  strikethrough: (s) => c.strikethrough(s), underline: (s) => c.underline(s),
};
const USER_STYLE = { bgColor: (s) => c.bgHex("#343541")(s) };
const EDITOR_THEME = {
  borderColor: hex("#5f87ff"),
  selectList: { selectedPrefix: hex("#8abeb7"), selectedText: hex("#8abeb7"), description: hex("#808080"), scrollInfo: hex("#808080"), noMatch: hex("#808080") },
};

/** A fake pi-tui Terminal of the benchmark size whose writes go to a CountingSink. */
class SinkTerminal {
  constructor(sink) { this.sink = sink; }
  start() {}
  stop() {}
  async drainInput() {}
  write(data) { this.sink.write(data); }
  get columns() { return WIDTH; }
  get rows() { return HEIGHT; }
  get kittyProtocolActive() { return false; }
  moveBy(n) { if (n > 0) this.write(`\x1b[${n}B`); else if (n < 0) this.write(`\x1b[${-n}A`); }
  hideCursor() { this.write("\x1b[?25l"); }
  showCursor() { this.write("\x1b[?25h"); }
  clearLine() { this.write("\x1b[K"); }
  clearFromCursor() { this.write("\x1b[J"); }
  clearScreen() { this.write("\x1b[2J\x1b[H"); }
  setTitle() {}
  setProgress() {}
}

function messageComponent(m) {
  return new Markdown(m.text, 1, 0, MD_THEME, m.role === "user" ? USER_STYLE : undefined);
}

/**
 * Builds the chat with `messages` in history and renders the first frame. `opts.stream`
 * ({kind, text}) replaces the streaming message: markdown for a message, plain text otherwise
 * (thinking, tool output).
 */
export async function createPiTui(messages, opts = {}) {
  const sink = new CountingSink(WIDTH, HEIGHT);
  const tui = new TUI(new SinkTerminal(sink), true);
  const history = new Container();
  for (const m of messages) {
    history.addChild(messageComponent(m));
    history.addChild(new Spacer(1));
  }
  let streamText = opts.stream?.text ?? STREAM_START;
  const plain = opts.stream !== undefined && opts.stream.kind !== "message";
  const streaming = plain ? new Text(streamText, 1, 0) : new Markdown(streamText, 1, 0, MD_THEME);
  const editor = new Editor(tui, EDITOR_THEME);
  editor.setText(COMPOSER_START);
  const status = new Text(c.hex("#808080")("~/work/librecode  anthropic/claude  ctx 12%"), 1, 0);
  tui.addChild(history);
  tui.addChild(streaming);
  tui.addChild(editor);
  tui.addChild(status);
  tui.setFocus(editor);
  const frame = () => tui.doRender();
  frame();
  return {
    sink, editor, frame,
    /** One streamed character: the message grows and one frame is written. */
    streamChar(ch) {
      streamText += ch;
      streaming.setText(streamText);
      frame();
    },
    /** One typed character in the composer and one frame. */
    keystroke(ch) {
      editor.handleInput(ch);
      frame();
    },
    close() { tui.stop(); },
  };
}
