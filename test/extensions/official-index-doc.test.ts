// docs/extensions.md lists every extension the shipped official index names.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../", import.meta.url);

describe("the official index in the docs", () => {
  it("names each entry of official-extensions.json", () => {
    const index = Object.keys(JSON.parse(readFileSync(new URL("official-extensions.json", ROOT), "utf8")) as object);
    const doc = readFileSync(new URL("docs/extensions.md", ROOT), "utf8");
    const para = /The shipped index maps each example in `examples\/extensions\/` \(([^)]*)\)/.exec(doc)?.[1] ?? "";
    const listed = [...para.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(listed).toEqual(index);
  });
});
