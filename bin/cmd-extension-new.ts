// `librecode extension new NAME`: a directory with a manifest, main.lua, a snapshot case with its
// frame, .luarc.json and types/librecode.lua (LuaLS stubs), ready for `librecode snapshot`.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { lualsStubs } from "../lua/luals-stubs.js";
import { API_VERSION } from "../lua/librecode-module.js";
import { renderScreen } from "./render-screen.js";
import { UsageError } from "./usage-error.js";

/** The files of a new extension, by relative path (the frame `.txt` is rendered afterwards). */
export function scaffoldFiles(name: string): Record<string, string> {
  return {
    "init.lua": [
      "return {",
      `  name = "${name}",`,
      `  version = "0.1.0",`,
      `  api_version = "${API_VERSION}",`,
      `  description = "${name}: a librecode extension",`,
      `  entry = "main.lua",`,
      "}",
      "",
    ].join("\n"),
    "main.lua": [
      `-- ${name}: \`librecode extension list\` shows what it registers; \`librecode snapshot\``,
      "-- checks the cases in test/. The LuaLS stubs in types/ give completion and type checks.",
      `local lc = require("librecode")`,
      "",
      `lc.register_command("${name}", "say hello from ${name}", function(args)`,
      `  lc.buf.append("transcript", { kind = "message", role = "system", text = "hello from ${name} " .. args })`,
      "end)",
      "",
      `lc.keymap.set({ focus = "composer" }, "<C-y>", function()`,
      `  lc.buf.insert("composer", lc.buf.get_cursor("composer"), "hello ")`,
      "  return true",
      `end, { desc = "type hello" })`,
      "",
    ].join("\n"),
    [`test/${name}.snap.yaml`]: ["# `librecode snapshot` renders this and compares it with the .txt beside it.", "size: 60x12", "extension: ..", `keys: "<c-y>"`, ""].join("\n"),
    ".luarc.json": JSON.stringify({
      "$schema": "https://raw.githubusercontent.com/LuaLS/vscode-lua/master/setting/schema.json",
      "runtime.version": "Lua 5.3",
      "workspace.library": ["types"],
      "diagnostics.globals": ["librecode"],
    }, null, 2) + "\n",
    "types/librecode.lua": lualsStubs(),
  };
}

/** Creates `NAME/` in the working directory; refuses an existing path or a bad name (exit 2). */
export async function runExtensionNew(name: string, cwd = process.cwd()): Promise<void> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) {
    throw new UsageError(`extension new: NAME: expected letters, digits, - and _ (starting with a letter or digit), got ${JSON.stringify(name)}`);
  }
  const dir = resolve(cwd, name);
  if (existsSync(dir)) throw new UsageError(`extension new: ${name}: already exists`);
  for (const [rel, text] of Object.entries(scaffoldFiles(name))) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  const screen = await renderScreen({ size: "60x12", extensions: [dir], keys: "<c-y>", cwd: join(dir, "test") });
  writeFileSync(join(dir, "test", `${name}.txt`), screen.text);
  process.stdout.write(`created ${name}/: init.lua main.lua test/${name}.snap.yaml test/${name}.txt .luarc.json types/librecode.lua\n`);
}
