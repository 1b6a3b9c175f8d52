import type { InputEvent } from "./key-decoder.js";

/**
 * With mouse reporting off, the terminal's alternate-scroll mode (?1007) turns each wheel notch
 * into arrow keys, which the composer would read as prompt history. A person pressing an arrow
 * produces one sequence per read; a wheel notch produces several in one read. So a chunk made only
 * of two or more identical unmodified up/down keys is taken as the wheel and becomes wheel events
 * (one per arrow). Anything else passes through untouched.
 */
export function wheelFromArrowBurst(events: InputEvent[]): InputEvent[] {
  if (events.length < 2) return events;
  const first = events[0]!;
  if (first.type !== "key" || (first.key.key !== "up" && first.key.key !== "down")) return events;
  const name = first.key.key;
  const allSame = events.every((ev) => ev.type === "key" && ev.key.key === name
    && !ev.key.ctrl && !ev.key.alt && !ev.key.shift);
  if (!allSame) return events;
  return events.map(() => ({
    type: "mouse", action: "wheel", button: "none", direction: name, row: 0, col: 0,
    shift: false, alt: false, ctrl: false,
  }));
}
