// Keys typed during start-up: held in raw mode from the chat entry, decoded by Terminal.enter().
// The real terminal (tmux) is in test/e2e/early-keys-tmux.test.ts; here the stream is a fake tty.
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import type { InputEvent } from "../../ui/key-decoder.js";
import { Terminal } from "../../ui/terminal.js";
import { holdEarlyInput, releaseEarlyInput, takeEarlyInput } from "../../ui/terminal-early-input.js";

/** A stream that says it is a tty and records every raw-mode switch and pause. */
function fakeTtyInput() {
  const modes: boolean[] = [];
  let paused = 0;
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode(raw: boolean) { modes.push(raw); return input; },
  });
  const pause = input.pause.bind(input);
  input.pause = () => { paused++; return pause(); };
  return { input, modes, paused: () => paused };
}

/** A Terminal on that input, with its decoded events collected. */
function terminalOn(input: PassThrough) {
  const output = Object.assign(new PassThrough(), { columns: 80, rows: 24 });
  output.resume();
  const term = new Terminal({ input, output, clock: new FakeClock(), guard: false, kittyKeyboard: false });
  const events: InputEvent[] = [];
  term.onInput((ev) => events.push(ev));
  return { term, events };
}

/** Lets the stream deliver what was written to it. */
const flush = () => new Promise((r) => setImmediate(r));

const keys = (...names: string[]) => names.map((k) => ({ type: "key", key: k.length === 1 ? keyEvent(k, { text: k }) : keyEvent(k) }));

afterEach(() => releaseEarlyInput());

describe("holding input typed during start-up", () => {
  it("switches the tty to raw mode at once", () => {
    const t = fakeTtyInput();
    holdEarlyInput({ input: t.input, outputIsTTY: true, guard: false });
    expect(t.modes).toEqual([true]);
  });

  it("hands the held keys to the Terminal on enter, decoded like keys typed later", async () => {
    const t = fakeTtyInput();
    holdEarlyInput({ input: t.input, outputIsTTY: true, guard: false });
    t.input.write("hi\r");
    await flush();
    const { term, events } = terminalOn(t.input);
    expect(events).toEqual([]);
    term.enter();
    expect(events).toEqual(keys("h", "i", "enter"));
  });

  it("reads a \\n in the first chunk as enter: it was queued while the tty was still cooked (ICRNL)", async () => {
    const t = fakeTtyInput();
    holdEarlyInput({ input: t.input, outputIsTTY: true, guard: false });
    t.input.write("ok\n");
    await flush();
    const { term, events } = terminalOn(t.input);
    term.enter();
    expect(events).toEqual(keys("o", "k", "enter"));
  });

  it("reads a \\n after the first chunk as ctrl+j, as the raw tty sends it", async () => {
    const t = fakeTtyInput();
    holdEarlyInput({ input: t.input, outputIsTTY: true, guard: false });
    t.input.write("a");
    await flush();
    t.input.write("\n");
    await flush();
    const { term, events } = terminalOn(t.input);
    term.enter();
    expect(events).toEqual([...keys("a"), { type: "key", key: keyEvent("ctrl+j", { ctrl: true }) }]);
  });

  it("keys typed after enter go straight to the Terminal, after the held ones", async () => {
    const t = fakeTtyInput();
    holdEarlyInput({ input: t.input, outputIsTTY: true, guard: false });
    t.input.write("a");
    await flush();
    const { term, events } = terminalOn(t.input);
    term.enter();
    t.input.write("b");
    await flush();
    expect(events).toEqual(keys("a", "b"));
    expect(takeEarlyInput(t.input)).toEqual([]);
  });

  it("release gives the tty its mode back, pauses the input and drops what was held", async () => {
    const t = fakeTtyInput();
    holdEarlyInput({ input: t.input, outputIsTTY: true, guard: false });
    t.input.write("lost");
    await flush();
    releaseEarlyInput();
    expect(t.modes).toEqual([true, false]);
    expect(t.paused()).toBe(1);
    expect(takeEarlyInput(t.input)).toEqual([]);
  });

  it("does nothing when the output is not a terminal (the chat refuses to start then)", () => {
    const t = fakeTtyInput();
    holdEarlyInput({ input: t.input, outputIsTTY: false, guard: false });
    expect(t.modes).toEqual([]);
  });

  it("does nothing when the input is not a terminal", () => {
    const input = new PassThrough();
    holdEarlyInput({ input, outputIsTTY: true, guard: false });
    expect(input.listenerCount("data")).toBe(0);
  });

  it("a Terminal on another stream takes nothing from the hold", async () => {
    const t = fakeTtyInput();
    holdEarlyInput({ input: t.input, outputIsTTY: true, guard: false });
    t.input.write("x");
    await flush();
    const other = fakeTtyInput();
    const { term, events } = terminalOn(other.input);
    term.enter();
    expect(events).toEqual([]);
    expect(takeEarlyInput(t.input).map((b) => b.toString())).toEqual(["x"]);
  });
});
