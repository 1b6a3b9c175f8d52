import { describe, expect, it } from "vitest";
import { measure, padRight, truncate, viewport, virtualList, wrap } from "../../ui/text-helpers.js";

describe("pure drawing helpers (lua-api.md pinned examples)", () => {
  it("viewport({one,two,three,four}, 2, 1) shows two, three", () => {
    expect(viewport(["one", "two", "three", "four"], 2, 1)).toEqual({
      lines: ["two", "three"], start: 1, end: 3, offset: 1, maxOffset: 2, total: 4,
    });
  });

  it("virtual_list({{height=2},{height=3},{height=1}}, 3, 1) starts at lua_index 2", () => {
    expect(virtualList([{ height: 2 }, { height: 3 }, { height: 1 }], 3, 1)).toEqual({
      items: [{ index: 1, luaIndex: 2, rowOffset: 0, height: 3 }],
      start: 1, end: 2, offset: 1, maxOffset: 3, total: 6,
    });
  });

  it('truncate("abcdef", 4) is "abc…"', () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
  });

  it('pad_right("語", 4) is "語  "', () => {
    expect(padRight("語", 4)).toBe("語  ");
  });
});

describe("measure", () => {
  it("counts wide characters as two cells and combining marks as none", () => {
    expect([measure("abc"), measure("語a"), measure("e\u0301"), measure("👍🏽")]).toEqual([3, 3, 1, 2]);
  });
});

describe("truncate", () => {
  it("returns text that fits unchanged", () => {
    expect(truncate("abcd", 4)).toBe("abcd");
  });
  it("never splits a wide character to fit the ellipsis", () => {
    expect(truncate("語語語", 4)).toBe("語…");
  });
  it("gives an empty string for zero width and the ellipsis alone for width 1", () => {
    expect([truncate("abc", 0), truncate("abc", 1)]).toEqual(["", "…"]);
  });
});

describe("pad_right", () => {
  it("cuts text wider than the width to exactly the width, as the original did", () => {
    expect(padRight("abcdef", 3)).toBe("abc");
    expect(padRight("語語", 3)).toBe("語 ");
  });
});

describe("wrap", () => {
  it("wraps by words", () => {
    expect(wrap("the quick brown fox", 10)).toEqual(["the quick", "brown fox"]);
  });
});

describe("viewport", () => {
  it("clamps the offset to max_offset", () => {
    expect(viewport(["a", "b", "c"], 2, 9)).toEqual({ lines: ["a", "b"], start: 0, end: 2, offset: 1, maxOffset: 1, total: 3 });
  });
  it("shows everything when the lines fit", () => {
    expect(viewport(["a"], 5)).toEqual({ lines: ["a"], start: 0, end: 1, offset: 0, maxOffset: 0, total: 1 });
  });
});

describe("virtual_list", () => {
  it("accepts plain heights and reports items cut at the top with a negative row offset", () => {
    expect(virtualList([2, 2, 2], 3)).toEqual({
      items: [{ index: 1, luaIndex: 2, rowOffset: -1, height: 2 }, { index: 2, luaIndex: 3, rowOffset: 1, height: 2 }],
      start: 1, end: 3, offset: 0, maxOffset: 3, total: 6,
    });
  });
});
