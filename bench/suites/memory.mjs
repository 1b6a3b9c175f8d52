// One framework, one history size: heap used and RSS after the first frame and a full GC.
// Usage: node --expose-gc suites/memory.mjs <librecode|pi-tui|ink> <messages>
import { createDriver } from "./drivers.mjs";
import { transcript } from "../lib/fixture.mjs";

const [fw, nArg] = process.argv.slice(2);
if (typeof global.gc !== "function") throw new Error("bench: memory: run with --expose-gc");
const gc = () => { for (let i = 0; i < 3; i++) global.gc(); };
const d = await createDriver(fw, transcript(Number(nArg)));
// A few updates so caches (parsed markdown, laid-out lines) are as they are while chatting.
for (let i = 0; i < 5; i++) d.streamChar("x");
gc();
const m = process.memoryUsage();
const mb = (x) => Math.round((x / 1048576) * 10) / 10;
process.stdout.write(JSON.stringify({ framework: fw, messages: Number(nArg), heapUsedMB: mb(m.heapUsed), rssMB: mb(m.rss), externalMB: mb(m.external) }) + "\n");
d.close();
process.exit(0);
