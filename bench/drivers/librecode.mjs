// librecode driving the benchmark chat, from the compiled dist/ exactly as the interactive app
// wires it: createApp (config, theme, Runtime, stock chat), the transcript loaded as blocks the
// way a resumed session is, streamed text through the chat loop's TranscriptWriter, keys through
// Runtime.dispatchKey, and each frame painted into Screen.back by the app's painter and flushed
// (Screen.flush -> one string) into a counting sink instead of a TTY.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { COMPOSER_START, HEIGHT, STREAM_START, WIDTH } from "../lib/fixture.mjs";
import { CountingSink } from "../lib/sink.mjs";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const dist = (p) => import(pathToFileURL(path.join(ROOT, "dist", p)).href);
const exists = (p) => fs.existsSync(path.join(ROOT, "dist", p));

/** A clean HOME/cwd so no user config or extension changes what is measured. */
export function isolate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "librecode-bench-"));
  fs.mkdirSync(path.join(dir, "home"), { recursive: true });
  fs.mkdirSync(path.join(dir, "cwd"), { recursive: true });
  process.env.LIBRECODE_HOME = path.join(dir, "home");
  process.env.XDG_CONFIG_HOME = path.join(dir, "home");
  return dir;
}

/** The frame painter the interactive app uses, as (grid) -> { cursor }. */
async function painterFor(app) {
  // The app's own AppPainter (renderer caches + dirty windows), as bin/interactive-app uses it.
  if (app.painter && typeof app.painter.paint === "function") return (grid) => app.painter.paint(grid);
  const painterFile = ["ui/app-painter.js", "bin/app-painter.js"].find(exists);
  if (painterFile) {
    const { AppPainter } = await dist(painterFile);
    const p = new AppPainter(app.runtime, app.theme);
    return (grid) => p.paint(grid);
  }
  if (exists("bin/paint-app.js")) {
    const { paintApp } = await dist("bin/paint-app.js");
    return (grid) => paintApp(grid, app.runtime, app.theme);
  }
  throw new Error("librecode: no frame painter in dist/ (ui/app-painter.js): build first");
}

// The history as a resumed session loads it: one guarded commit of message blocks. A separate
// function so the closures below do not keep the fixture array alive (the memory suite).
function loadTranscript(rt, messages) {
  rt.guard("host", "transcript", () => {
    for (const m of messages) rt.buffers.appendBlock("transcript", { kind: "message", role: m.role, text: m.text });
  });
}

/**
 * Builds the chat with `messages` in history plus a streaming assistant message, renders the
 * first frame, and returns the update functions the suites time.
 */
export async function createLibrecode(messages, opts = {}) {
  const dir = isolate();
  const { createApp } = await dist("bin/create-app.js");
  const { Screen } = await dist("ui/screen.js");
  const { keyEventFromName } = await dist("engine/kernel/key-notation.js");
  const app = await createApp({
    width: WIDTH, height: HEIGHT, cwd: path.join(dir, "cwd"), extensions: opts.extensionPaths !== undefined,
    extensionPaths: opts.extensionPaths ?? [], resolveModel: false,
  });
  const rt = app.runtime;
  const paint = await painterFor(app);
  loadTranscript(rt, messages);
  // The chat loop's writer when it is built (deltas coalesce into one guarded commit), else the
  // same commit by hand.
  // `opts.stream` ({kind, role, text, metadata}) changes the streaming block (bench/suites/offpath.mjs).
  const sb = opts.stream ?? { kind: "message", role: "assistant", text: STREAM_START };
  let open, stream;
  if (exists("engine/agent/transcript-writer.js")) {
    const { TranscriptWriter } = await dist("engine/agent/transcript-writer.js");
    const w = new TranscriptWriter(rt, () => {});
    open = (text) => {
      const id = w.open(sb.kind, sb.role, sb.metadata ?? {});
      w.stream(id, text);
      w.flush();
      return id;
    };
    stream = (id, ch) => {
      // A side buffer (`tools`: tool output as the chat loop streams it) or the transcript block.
      if (sb.buffer !== undefined) w.streamToBuffer(sb.buffer, ch);
      else w.stream(id, ch);
      w.flush();
    };
  } else {
    open = (text) => {
      let id;
      rt.guard("host", "transcript", () => { id = rt.buffers.appendBlock("transcript", { kind: sb.kind, role: sb.role, text, streaming: true, metadata: sb.metadata ?? {} }).id; });
      return id;
    };
    stream = (id, ch) => rt.guard("host", "transcript stream", () => rt.buffers.appendToBlock("transcript", id, ch));
  }
  const streamId = open(sb.buffer === undefined ? sb.text : "");
  if (sb.buffer !== undefined) stream(streamId, sb.text);
  for (const ch of COMPOSER_START) rt.dispatchKey(keyEventFromName(ch));
  for (const name of opts.stream?.keys ?? []) rt.dispatchKey(keyEventFromName(name));

  const sink = new CountingSink(WIDTH, HEIGHT);
  const screen = new Screen(WIDTH, HEIGHT);
  const frame = () => {
    const out = paint(screen.back);
    const bytes = screen.flush(out?.cursor ?? null);
    if (bytes !== "") sink.write(bytes);
  };
  frame();
  const keys = new Map();
  const key = (name) => {
    let ev = keys.get(name);
    if (!ev) keys.set(name, (ev = keyEventFromName(name)));
    return ev;
  };
  return {
    sink, app, rt, frame,
    streamChar(ch) {
      stream(streamId, ch);
      frame();
    },
    keystroke(ch) {
      rt.dispatchKey(key(ch));
      frame();
    },
    /** Dispatches a key without painting (the Lua suite times dispatch alone). */
    dispatch(name) {
      rt.dispatchKey(key(name));
    },
    close() { fs.rmSync(dir, { recursive: true, force: true }); },
  };
}
