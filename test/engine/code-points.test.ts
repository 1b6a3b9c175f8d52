import { describe, expect, it } from "vitest";
import { cpChars, cpLength, cpSlice, cpToUtf16 } from "../../engine/kernel/code-points.js";

describe("code points", () => {
  it("counts a surrogate pair as one position", () => {
    expect(cpLength("a😀b")).toBe(3);
    expect(cpLength("abc")).toBe(3);
    expect(cpLength("")).toBe(0);
  });
  it("slices by code point and clamps", () => {
    expect(cpSlice("a😀b", 1, 2)).toBe("😀");
    expect(cpSlice("a😀b", 2)).toBe("b");
    expect(cpSlice("abc", 1, 99)).toBe("bc");
    expect(cpSlice("a😀b", 2, 1)).toBe("");
  });
  it("maps code-point offsets to UTF-16 indices", () => {
    expect(cpToUtf16("a😀b", 2)).toBe(3);
    expect(cpToUtf16("a😀b", 9)).toBe(4);
    expect(cpToUtf16("abc", -1)).toBe(0);
  });
  it("splits into one-code-point strings", () => {
    expect(cpChars("é😀x")).toEqual(["é", "😀", "x"]);
  });
});
