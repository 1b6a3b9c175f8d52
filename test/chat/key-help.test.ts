import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatColumns, STOCK_KEY_HELP } from "../../engine/chat/key-help.js";

const keysDoc = readFileSync(new URL("../../docs/keys.md", import.meta.url), "utf8");

describe("the /help key list", () => {
  it("names only keys docs/keys.md documents", () => {
    const names = STOCK_KEY_HELP.flatMap((k) => k.keys.split(/, | \/ /)).filter((n) => !n.startsWith("!"));
    expect(names.filter((n) => !keysDoc.includes(`\`${n}\``))).toEqual([]);
  });

  it("lists every key that acts outside the completion menu in the keys.md tables it comes from", () => {
    const listed = new Set(STOCK_KEY_HELP.flatMap((k) => k.keys.split(/, | \/ /)));
    for (const key of ["ctrl+j", "ctrl+g", "ctrl+z", "ctrl+l", "ctrl+c", "ctrl+d", "escape", "alt+enter"]) expect(listed).toContain(key);
  });

  it("aligns names and descriptions in two columns", () => {
    expect(formatColumns([["/a", "first"], ["/longer", "second"], ["/x", ""]])).toEqual([
      "  /a       first",
      "  /longer  second",
      "  /x",
    ]);
  });
});
