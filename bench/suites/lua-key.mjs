// Issue 3: one key dispatched to a Lua keymap callback that edits the composer, with a
// 1,000-message transcript loaded, against the same edit by the stock composer (no extension).
// The Lua part is the extension's guarded time (Runtime.ownerStats: the callback's transaction
// savepoint, the fengari call, the buffer edit it makes). Prints JSON.
// Usage: node suites/lua-key.mjs [--quick]
import path from "node:path";
import { createLibrecode } from "../drivers/librecode.mjs";
import { transcript } from "../lib/fixture.mjs";
import { now, summarize } from "../lib/stats.mjs";

const quick = process.argv.includes("--quick");
const N = quick ? 300 : 3000;
const WARMUP = quick ? 100 : 500;
const EXT = path.join(path.dirname(new URL(import.meta.url).pathname), "../fixtures/keymap.lua");
const history = transcript(1000);

// Times `n` calls of fn (after a warm-up), clearing the composer every 200 keys (not timed) so
// its length stays as in normal typing.
// `part()` (optional) reads a cumulative ms counter; its per-key deltas are summarized too.
function time(d, fn, part) {
  const clear = () => d.rt.guard("host", "bench", () => d.rt.buffers.setText("composer", ""));
  for (let i = 0; i < WARMUP; i++) fn();
  const ms = [];
  const parts = [];
  for (let i = 0; i < N; i++) {
    if (i % 200 === 0) clear();
    const p0 = part?.();
    const t0 = now();
    fn();
    ms.push(now() - t0);
    if (part) parts.push(part() - p0);
  }
  clear();
  return part ? { total: summarize(ms), part: summarize(parts) } : summarize(ms);
}

const stock = await createLibrecode(history);
const noExtension = { dispatch: time(stock, () => stock.dispatch("y")), withFrame: time(stock, () => stock.keystroke("y")) };
stock.close();

const lua = await createLibrecode(history, { extensionPaths: [EXT] });
const ext = lua.app.extensions.loaded[0];
if (!ext || ext.status !== "loaded") throw new Error(`bench: lua: ${EXT} did not load: ${ext?.reason ?? "not found"} ${JSON.stringify(lua.rt.errors)}`);
const before = lua.rt.ownerStats(ext.name).calls;
lua.dispatch("ctrl+y");
if (!lua.rt.buffers.getText("composer").endsWith("y")) throw new Error("bench: lua: the keymap did not edit the composer");
const { total: dispatch, part } = time(lua, () => lua.dispatch("ctrl+y"), () => lua.rt.ownerStats(ext.name).timeMs);
const calls = lua.rt.ownerStats(ext.name).calls - before;
const withFrame = time(lua, () => lua.keystroke("ctrl+y"));
if (lua.rt.errors.length > 0) throw new Error(`bench: lua: errors: ${JSON.stringify(lua.rt.errors.slice(0, 3))}`);
lua.close();
process.stdout.write(JSON.stringify({ messages: 1000, keys: N, noExtension, lua: { dispatch, withFrame, luaPart: part, calls } }) + "\n");
process.exit(0);
