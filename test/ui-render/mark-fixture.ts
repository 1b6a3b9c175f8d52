// A buffer with extmarks and a stock renderer's rows painted into a real cell grid (so wide
// characters and clipping behave as on screen), for literal expected screens.
import type { MarkSpec, Pos } from "../../engine/kernel/extmarks.js";
import { Runtime } from "../../engine/kernel/runtime.js";
import type { Style } from "../../engine/kernel/style.js";
import { CellGrid } from "../../ui/cell-grid.js";
import type { RenderInput, RenderOutput, WindowRenderer } from "../../ui/renderers/window-renderer.js";
import { createTheme } from "../../ui/theme.js";
import { input } from "./render-fixtures.js";

/** A runtime holding buffer `name` with `text`; `mark` places marks in namespace 1. */
export function marked(name: string, text: string) {
  const rt = new Runtime();
  rt.buffers.setText(name, text);
  const b = rt.buffers.get(name)!;
  const ns = rt.namespaces.create("test");
  const mark = (line: number, col: number, spec: MarkSpec = {}) => rt.buffers.marks.set(b, ns, { line, col } satisfies Pos, spec);
  /** The renderer's input for a width x height window on the buffer. */
  const inputFor = (role: string, width: number, height: number, cursor?: number): RenderInput => {
    const base = input({ role, width, height });
    const marks = rt.buffers.marks.query(b);
    return { ...base, buffer: { ...b, ...(cursor !== undefined ? { cursor } : {}) }, ...(marks ? { marks } : {}) };
  };
  return { rt, b, ns, mark, inputFor };
}

/** The rows painted into a width-wide grid, as text (trailing spaces kept to the width). */
export function paint(out: RenderOutput, width: number, height: number): CellGrid {
  const grid = new CellGrid(width, height);
  const theme = createTheme({ name: "dark", noColor: false });
  out.lines.slice(0, height).forEach((l, y) => {
    let x = 0;
    for (const s of l) x = grid.writeText(x, y, s.text, s.style ? grid.styles.intern(theme.resolve(s.style)) : 0, grid.bounds());
  });
  return grid;
}

/** Renders and paints: the screen lines. */
export function screenOf(r: WindowRenderer, inp: RenderInput): string[] {
  return paint(r.render(inp), inp.width, inp.height).toLines();
}

/** Which cells of row y have the style's flag or colour set (as a string of ^ and spaces). */
export function styled(grid: CellGrid, y: number, test: (s: Style & { underline?: boolean }) => boolean): string {
  let out = "";
  for (let x = 0; x < grid.width; x++) {
    const st = grid.styles.get(grid.get(x, y)!.style);
    out += test(st as unknown as Style) ? "^" : " ";
  }
  return out.trimEnd();
}
