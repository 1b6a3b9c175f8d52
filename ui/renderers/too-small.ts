// What the whole screen shows when the terminal is smaller than the chat can use.
import type { Style } from "../../engine/kernel/style.js";
import { wrapSpans } from "../wrap-text.js";
import { lineWidth, type StyledLine } from "./window-renderer.js";

export const MIN_WIDTH = 20;
export const MIN_HEIGHT = 8;

const TITLE: Style = Object.freeze({ fg: "warning", bold: true });
const NOTE: Style = Object.freeze({ fg: "muted" });

/** True when a width x height terminal is below the 20x8 minimum. */
export function tooSmall(width: number, height: number): boolean {
  return width < MIN_WIDTH || height < MIN_HEIGHT;
}

/**
 * The full-screen "terminal too small" lines: the notice and the size hint word-wrapped to the
 * width, each row centred, the block centred vertically. Where that does not fit, shorter wordings
 * in turn, so the size needed is the last thing cut; rows past the height are dropped.
 */
export function tooSmallLines(width: number, height: number): StyledLine[] {
  const w = Math.max(1, Math.floor(width));
  const need = `${MIN_WIDTH}x${MIN_HEIGHT}`;
  const wordings: [string, string][] = [["Terminal too small", `${width}x${height}, need ${need}`], ["Too small", `need ${need}`], ["", `need ${need}`], ["", need]];
  const wrap = ([title, hint]: [string, string]): StyledLine[] => [
    ...(title === "" ? [] : wrapSpans([{ text: title, style: TITLE }], w)),
    ...wrapSpans([{ text: hint, style: NOTE }], w),
  ];
  const fitting = wordings.map(wrap).find((lines) => lines.length <= height);
  const msgs = (fitting ?? wrap(wordings.at(-1)!)).slice(0, Math.max(0, height));
  const top = Math.max(0, Math.floor((height - msgs.length) / 2));
  const out: StyledLine[] = [];
  for (let i = 0; i < top; i++) out.push([]);
  for (const m of msgs) {
    const pad = Math.max(0, Math.floor((w - lineWidth(m)) / 2));
    out.push(pad > 0 ? [{ text: " ".repeat(pad) }, ...m] : m);
  }
  return out;
}
