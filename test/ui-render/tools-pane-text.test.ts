import { describe, expect, it } from "vitest";
import { ToolsRenderer } from "../../ui/renderers/panel-renderers.js";
import { input, texts } from "./render-fixtures.js";

describe("tools pane text", () => {
  it("does not show an empty last row for output ending in a newline", () => {
    const r = new ToolsRenderer();
    const out = input({ role: "tools", text: "1\n2\n3\n4\n", width: 10, height: 3 });
    expect(texts(r.render(out).lines)).toEqual(["2", "3", "4"]);
    expect(r.measure(out, 10)).toBe(4);
  });

  it("drops only one trailing newline: a blank line before it stays", () => {
    const r = new ToolsRenderer();
    const out = input({ role: "tools", text: "1\n2\n\n", width: 10, height: 3 });
    expect(texts(r.render(out).lines)).toEqual(["1", "2", ""]);
  });
});
