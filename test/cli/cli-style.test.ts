import { describe, expect, it } from "vitest";
import { colorLevel, renderRows, type OutStream } from "../../bin/cli-style.js";
import type { StyledRow } from "../../engine/kernel/style.js";

const tty = (columns = 80): OutStream => ({ isTTY: true, columns, write: () => true });
const pipe: OutStream = { write: () => true };
const rows: StyledRow[] = [[{ text: "s1", style: { fg: "accent" } }, { text: "  " }, { text: "~/proj", style: { fg: "muted" } }]];
const ESC = "\u001b";

describe("command-line output", () => {
  it("is plain when piped, so scripts read the same text as before", () => {
    expect(renderRows(rows, pipe, {})).toEqual(["s1  ~/proj"]);
  });

  it("is coloured on a terminal with the terminal's own palette", () => {
    expect(renderRows(rows, tty(), { TERM: "xterm" })).toEqual([`${ESC}[36ms1${ESC}[39m  ${ESC}[90m~/proj${ESC}[39m`]);
  });

  it("honours NO_COLOR on a terminal, and FORCE_COLOR even in a pipe", () => {
    expect(renderRows(rows, tty(), { TERM: "xterm", NO_COLOR: "1" })).toEqual(["s1  ~/proj"]);
    expect(renderRows(rows, pipe, { FORCE_COLOR: "1" })).toEqual([`${ESC}[36ms1${ESC}[39m  ${ESC}[90m~/proj${ESC}[39m`]);
    expect([colorLevel(tty(), { FORCE_COLOR: "0" }), colorLevel(tty(), { NO_COLOR: "" , TERM: "xterm-256color" }), colorLevel(tty(), { TERM: "dumb" })]).toEqual([0, 2, 0]);
  });

  it("wraps a long line to the terminal's width, keeping the colour on each piece and the indentation", () => {
    const long: StyledRow[] = [[{ text: "alpha beta gamma delta", style: { fg: "warning" } }]];
    expect(renderRows(long, tty(12), { TERM: "xterm" })).toEqual([`${ESC}[33malpha beta ${ESC}[39m\n${ESC}[33mgamma delta${ESC}[39m`]);
    expect(renderRows(long, tty(12), { NO_COLOR: "1" })).toEqual(["alpha beta \ngamma delta"]);
    expect(renderRows([[{ text: "    (any model)" }]], tty(12), {})).toEqual(["    (any \nmodel)"]);
  });
});
