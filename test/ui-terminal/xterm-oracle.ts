import xterm from "@xterm/headless";
import unicode11 from "@xterm/addon-unicode11";
import type { CellGrid } from "../../ui/cell-grid.js";
import type { ResolvedStyle } from "../../ui/resolved-style.js";

/** A headless xterm.js terminal measuring emoji as Unicode 11, like current terminal emulators. */
export function headlessTerminal(cols: number, rows: number): xterm.Terminal {
  const t = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  t.loadAddon(new unicode11.Unicode11Addon());
  t.unicode.activeVersion = "11";
  return t;
}

/** Writes bytes and resolves once the emulator has parsed them. */
export function feed(t: xterm.Terminal, bytes: string): Promise<void> {
  return new Promise((resolve) => t.write(bytes, resolve));
}

/** The emulator's screen as text lines, each exactly cols cells wide. */
export function screenLines(t: xterm.Terminal): string[] {
  const out: string[] = [];
  const buf = t.buffer.active;
  for (let y = 0; y < t.rows; y++) out.push(buf.getLine(buf.viewportY + y)!.translateToString(false));
  return out;
}

/** The style of one emulator cell, in the renderer's terms. */
export function cellStyle(t: xterm.Terminal, x: number, y: number): ResolvedStyle {
  const buf = t.buffer.active;
  const c = buf.getLine(buf.viewportY + y)!.getCell(x)!;
  return {
    fg: c.isFgDefault() ? null : c.getFgColor(),
    bg: c.isBgDefault() ? null : c.getBgColor(),
    bold: c.isBold() !== 0, italic: c.isItalic() !== 0, underline: c.isUnderline() !== 0,
    reverse: c.isInverse() !== 0, dim: c.isDim() !== 0,
  };
}

/**
 * Cells where the emulator differs from the grid (text or style), as readable strings; [] when the
 * terminal shows exactly the grid.
 */
export function mismatches(t: xterm.Terminal, grid: CellGrid): string[] {
  const out: string[] = [];
  const lines = screenLines(t);
  for (let y = 0; y < grid.height; y++) {
    if (lines[y] !== grid.rowText(y)) out.push(`row ${y}: ${JSON.stringify(lines[y])} != ${JSON.stringify(grid.rowText(y))}`);
    for (let x = 0; x < grid.width; x++) {
      const cell = grid.get(x, y)!;
      if (cell.width === 0) continue;
      const want = grid.styles.get(cell.style);
      const got = cellStyle(t, x, y);
      if (JSON.stringify(want) !== JSON.stringify(got)) out.push(`cell ${x},${y}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
    }
  }
  return out;
}
