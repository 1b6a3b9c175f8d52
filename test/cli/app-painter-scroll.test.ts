// Reading back while an answer streams: a transcript scrolled up stays where the reader put it,
// and one at the bottom keeps following the newest rows.
import { describe, expect, it } from "vitest";
import { AppPainter } from "../../ui/app-painter.js";
import { installStockChat } from "../../engine/chat/stock-chat.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import { FakeClock } from "../../engine/kernel/scheduler.js";
import { CellGrid } from "../../ui/cell-grid.js";
import { createTheme } from "../../ui/theme.js";

function setup() {
  const rt = new Runtime({ clock: new FakeClock(), width: 30, height: 12, cwd: "/p" });
  const chat = installStockChat(rt);
  const painter = new AppPainter(rt, createTheme({ name: "dark", noColor: true }));
  const grid = new CellGrid(30, 12);
  const paint = (): string[] => {
    painter.paint(grid);
    // The transcript is the top 8 rows (then the composer's 3 and the status line).
    return grid.toLines().slice(0, 8).map((l) => l.trimEnd());
  };
  let id = "";
  rt.guard("test", "setup", () => {
    rt.buffers.appendBlock("transcript", { role: "user", text: "question" });
    const lines = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join("\n\n");
    id = rt.buffers.appendBlock("transcript", { role: "system", text: lines, streaming: true }).id;
  });
  const stream = (text: string) => rt.guard("test", "delta", () => rt.buffers.appendToBlock("transcript", id, text));
  return { rt, chat, paint, stream, id };
}

describe("the transcript while an answer streams", () => {
  it("stays put when scrolled up, however many rows arrive below", () => {
    const { chat, paint, stream } = setup();
    paint();
    chat.scrollTranscript(6);
    const before = paint();
    // The bottom row marks the view as scrolled up and counts the rows under it.
    expect(before).toEqual(["", "line 6", "", "line 7", "", "line 8", "", "        ↓ 7 rows below · pgdn"]);
    stream("\nline 13\nline 14\nline 15");
    expect(paint()).toEqual([...before.slice(0, 7), "       ↓ 10 rows below · pgdn"]);
  });

  it("stays put when a new block arrives below", () => {
    const { rt, chat, paint } = setup();
    paint();
    chat.scrollTranscript(6);
    const before = paint();
    rt.guard("test", "tool", () => rt.buffers.appendBlock("transcript", { role: "system", text: "a\nb\nc" }));
    expect(paint()).toEqual([...before.slice(0, 7), "       ↓ 11 rows below · pgdn"]);
  });

  it("drops the marker once back at the bottom", () => {
    const { chat, paint } = setup();
    paint();
    chat.scrollTranscript(1);
    expect(paint().at(-1)).toBe("        ↓ 2 rows below · pgdn");
    chat.scrollTranscript(-1);
    expect(paint().at(-1)).toBe("line 12");
  });

  it("follows the newest rows when at the bottom", () => {
    const { paint, stream } = setup();
    paint();
    stream("\nline 13");
    expect(paint()).toEqual(["line 9", "", "line 10", "", "line 11", "", "line 12", "line 13"]);
  });
});
