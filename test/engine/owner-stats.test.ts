import { describe, expect, it } from "vitest";
import { errorReport } from "../../engine/kernel/owner-stats.js";

describe("errorReport", () => {
  it("prefers a Lua traceback set on the error", () => {
    const e = Object.assign(new Error("vim.lua:212: attempt to index a nil value (local 'buf')"), {
      traceback: "stack traceback:\n\tvim.lua:212: in function 'on_key'",
    });
    expect(errorReport("vim-mode", "key handler", e)).toEqual({
      owner: "vim-mode",
      where: "key handler",
      message: "vim.lua:212: attempt to index a nil value (local 'buf')",
      traceback: "stack traceback:\n\tvim.lua:212: in function 'on_key'",
    });
  });
  it("reads a plain object with a message, and stringifies anything else", () => {
    expect(errorReport("x", "timer", { message: "bad" })).toEqual({ owner: "x", where: "timer", message: "bad" });
    expect(errorReport("x", "timer", 42)).toEqual({ owner: "x", where: "timer", message: "42" });
  });
});
