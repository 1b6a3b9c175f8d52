import { describe, expect, it } from "vitest";
import { wheelFromArrowBurst } from "../../ui/alternate-scroll.js";
import { KeyDecoder } from "../../ui/key-decoder.js";

const decode = (bytes: string) => new KeyDecoder().feed(bytes);
const summary = (bytes: string) => wheelFromArrowBurst(decode(bytes))
  .map((ev) => (ev.type === "mouse" ? `wheel ${ev.direction}` : ev.type === "key" ? ev.key.key : ev.type));

describe("alternate-scroll wheel detection", () => {
  it("reads several up arrows in one chunk as the wheel", () => {
    expect(summary("\x1b[A\x1b[A\x1b[A")).toEqual(["wheel up", "wheel up", "wheel up"]);
  });
  it("reads application-mode down arrows in one chunk as the wheel", () => {
    expect(summary("\x1bOB\x1bOB")).toEqual(["wheel down", "wheel down"]);
  });
  it("keeps a single arrow as a key", () => {
    expect(summary("\x1b[A")).toEqual(["up"]);
  });
  it("keeps mixed chunks as keys", () => {
    expect(summary("\x1b[A\x1b[B")).toEqual(["up", "down"]);
    expect(summary("a\x1b[A\x1b[A")).toEqual(["a", "up", "up"]);
  });
  it("keeps modified arrows as keys", () => {
    expect(summary("\x1b[1;5A\x1b[1;5A")).toEqual(["up", "up"]);
  });
});
