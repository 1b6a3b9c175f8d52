// "yoga-layout" inside the start-up bundle (scripts/bundle.mjs aliases it here). The package's own
// entry instantiates its wasm with a top-level await, which a CommonJS bundle cannot hold; here the
// default export is filled by `ready`, which bin/yoga-preload.ts awaits (fetch hidden) before
// anything builds a Yoga node. The wasm is dist/bundle/yoga.wasm (the bundle step took it out of
// the package's base64 data URL), given to Emscripten as `wasmBinary`. The enums are the
// package's own, synchronous as before.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import loadYogaImpl from "yoga-layout/dist/binaries/yoga-wasm-base64-esm.js";
import wrapAssembly from "yoga-layout/dist/src/wrapAssembly.js";

export * from "yoga-layout/dist/src/generated/YGEnums.js";
const Yoga = {};
export default Yoga;
let loading;
/** Instantiates the wasm once and fills the default export (Node, Config, the enums). */
export function ready() {
  return (loading ??= Promise.resolve()
    .then(() => {
      const file = fileURLToPath(new URL("./yoga.wasm", import.meta.url));
      try {
        return readFileSync(file);
      } catch (e) {
        throw new Error(`${file}: expected the layout engine's wasm next to the start-up bundle (npm run build writes it): ${e.message}`);
      }
    })
    .then((wasmBinary) => loadYogaImpl({ wasmBinary }))
    .then((y) => void Object.assign(Yoga, wrapAssembly(y))));
}
