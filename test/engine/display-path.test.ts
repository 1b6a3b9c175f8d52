import { join, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { displayPath } from "../../engine/kernel/display-path.js";
import { configFiles } from "../../engine/config/load-config.js";
import { displayPath as toolDisplayPath } from "../../engine/tools/tool-paths.js";

const cwd = join(sep, "srv", "project");

describe("displayPath", () => {
  it("shows a path inside cwd relative to it, with / separators", () => {
    expect(displayPath(join(cwd, "src", "a.ts"), cwd)).toBe("src/a.ts");
  });
  it("shows cwd itself as .", () => {
    expect(displayPath(cwd, cwd)).toBe(".");
  });
  it("keeps a path outside cwd absolute", () => {
    expect(displayPath(join(sep, "srv", "other", "b.ts"), cwd)).toBe(join(sep, "srv", "other", "b.ts"));
    expect(displayPath(join(sep, "srv"), cwd)).toBe(join(sep, "srv"));
  });
  it("treats a name starting with two dots inside cwd as inside", () => {
    expect(displayPath(join(cwd, "..notes"), cwd)).toBe("..notes");
  });
  it("is the one the tools and the config loader use", () => {
    expect(toolDisplayPath).toBe(displayPath);
    const files = configFiles({ cwd, home: join(sep, "home", "u", ".librecode"), env: {}, configFile: "extra.yaml" });
    expect(files.map((f) => f.display)).toEqual([join(sep, "home", "u", ".librecode", "config.yaml"), ".librecode/config.yaml", "extra.yaml"]);
  });
});
