// `<home>/screens/<session>.json`: written when the chat ends, read by the next `--resume` before
// its first frame; a cache, so anything wrong with it reads as no screen.
import { existsSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSavedScreen, SAVED_SCREENS, screenBuild, writeSavedScreen } from "../../bin/saved-screen-file.js";
import type { SavedScreen } from "../../ui/renderers/saved-screen.js";
import { tempDir } from "../support/temp-tree.js";

const screen = (): SavedScreen => ({
  version: 1, build: screenBuild(), width: 80, flags: "1012",
  blocks: [{ digest: "a.b.c", lines: [[{ text: "hello", style: { fg: "accent" } }], []] }],
});

describe("saved screen files", () => {
  it("reads back what was written for a session", () => {
    const home = tempDir();
    writeSavedScreen(home, "5047c58d23dd", screen());
    expect(readSavedScreen(home, "5047c58d23dd")).toEqual(screen());
    expect(readdirSync(join(home, "screens"))).toEqual(["5047c58d23dd.json"]);
  });

  it("reads no screen for another session, another build, a corrupt file or an odd session id", () => {
    const home = tempDir();
    writeSavedScreen(home, "s1", { ...screen(), build: "an older build" });
    writeFileSync(join(home, "screens", "s2.json"), "{\"version\":1,");
    expect(readSavedScreen(home, "s1")).toBeUndefined();
    expect(readSavedScreen(home, "s2")).toBeUndefined();
    expect(readSavedScreen(home, "s3")).toBeUndefined();
    writeSavedScreen(home, "../escape", screen());
    expect(existsSync(join(home, "escape.json"))).toBe(false);
    expect(readSavedScreen(home, "../escape")).toBeUndefined();
  });

  it("keeps the SAVED_SCREENS most recently written screens", () => {
    const home = tempDir();
    for (let i = 0; i < SAVED_SCREENS; i++) {
      writeSavedScreen(home, `s${i}`, screen());
      utimesSync(join(home, "screens", `s${i}.json`), 1000 + i, 1000 + i);
    }
    writeSavedScreen(home, "newest", screen());
    const kept = readdirSync(join(home, "screens"));
    expect(kept).toHaveLength(SAVED_SCREENS);
    expect(kept).toContain("newest.json");
    expect(kept).not.toContain("s0.json");
  });

  it("writes nothing, and throws nothing, where the screens folder cannot be made", () => {
    const home = tempDir();
    writeFileSync(join(home, "screens"), "");
    expect(() => writeSavedScreen(home, "s1", screen())).not.toThrow();
    expect(readSavedScreen(home, "s1")).toBeUndefined();
  });
});
