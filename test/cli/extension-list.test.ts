// `librecode extension list` for sources that have no extensions: the default folder of a fresh
// project is not a failure, a configured path that is not there is.
import { describe, expect, it } from "vitest";
import { formatExtensionList } from "../../bin/cmd-extension.js";
import type { SourceInfo } from "../../lua/extension-host.js";

const missing = (source: string): SourceInfo => ({ source, status: "missing", reason: "not found: /p/x", extensions: [] });

describe("extension list of missing sources", () => {
  it("says how to start when the default .librecode/extensions folder is not made yet", () => {
    expect(formatExtensionList([missing("path:.librecode/extensions")])).toEqual([
      "path:.librecode/extensions  no extensions yet (put NAME.lua in .librecode/extensions, or run `librecode extension new NAME`)",
    ]);
  });

  it("reports a configured path that is not there as missing, with the reason", () => {
    expect(formatExtensionList([missing("path:tools/lua")])).toEqual(["path:tools/lua  missing: not found: /p/x"]);
  });
});
