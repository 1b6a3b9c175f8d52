import { describe, expect, it } from "vitest";
import { keyEvent } from "../../engine/kernel/key-event.js";
import { withExtension } from "./harness.js";

describe("smoke", () => {
  it("loads and runs a keymap", () => {
    const { rt, errors } = withExtension(`
      local lc = require("librecode")
      lc.keymap.set({focus="composer"}, "x", function(ev) lc.buf.insert("composer", 0, ev.key .. #ev.composer.text) return true end)
    `);
    expect(errors()).toEqual([]);
    rt.dispatchKey(keyEvent("x", { text: "x" }));
    expect(rt.buffers.getText("composer")).toBe("x0");
  });
});
