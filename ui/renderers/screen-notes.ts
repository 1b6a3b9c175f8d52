// Host notes painted over the composed frame (bare mode's, engine/chat/bare-mode.ts): a `center`
// note word-wrapped and centred on the screen, a `bottom` note on the last row, truncated to it.
import type { Style } from "../../engine/kernel/style.js";
import { PLAIN_ID, type CellGrid } from "../cell-grid.js";
import { truncate } from "../text-helpers.js";
import type { Theme } from "../theme.js";
import { wrapSpans } from "../wrap-text.js";
import { lineWidth, type StyledLine } from "./window-renderer.js";

/** One note: its place and its lines, each in a theme colour. */
export type ScreenNote = {
  place: "center" | "bottom";
  lines: ReadonlyArray<{ text: string; tone: "accent" | "muted" | "warning" | "error" }>;
};

const TONES: Record<string, Style> = {
  accent: Object.freeze({ fg: "accent", bold: true }),
  muted: Object.freeze({ fg: "muted" }),
  warning: Object.freeze({ fg: "warning", bold: true }),
  error: Object.freeze({ fg: "error" }),
};

/** Paints the notes on top of what the grid holds. */
export function paintScreenNotes(grid: CellGrid, notes: readonly ScreenNote[], theme: Theme): void {
  const id = (style: Style | undefined) => (style === undefined ? PLAIN_ID : grid.styles.intern(theme.resolve(style)));
  for (const note of notes) {
    if (note.place === "bottom") {
      const line = note.lines[0];
      if (line === undefined || grid.height < 1) continue;
      const y = grid.height - 1;
      grid.fill({ x: 0, y, width: grid.width, height: 1 }, " ", id(undefined));
      grid.writeText(1, y, truncate(line.text, Math.max(0, grid.width - 2)), id(TONES[line.tone]));
      continue;
    }
    for (const [row, line] of centered(note, grid.width, grid.height).entries()) {
      let col = 0;
      for (const s of line) col = grid.writeText(col, row, s.text, id(s.style));
    }
  }
}

// The note's lines word-wrapped to the width, each centred, the block centred vertically.
function centered(note: ScreenNote, width: number, height: number): StyledLine[] {
  const wrapped = note.lines.flatMap((l) => wrapSpans([{ text: l.text, style: TONES[l.tone] }], Math.max(1, width))).slice(0, height);
  const out: StyledLine[] = [];
  for (let i = Math.floor((height - wrapped.length) / 2); i > 0; i--) out.push([]);
  for (const m of wrapped) {
    const pad = Math.max(0, Math.floor((width - lineWidth(m)) / 2));
    out.push(pad > 0 ? [{ text: " ".repeat(pad) }, ...m] : m);
  }
  return out;
}
