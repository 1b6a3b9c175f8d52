// "yoga-layout" inside the start-up bundle (scripts/bundle.mjs aliases it here). The package's own
// entry instantiates its wasm with a top-level await, which a CommonJS bundle cannot hold; here the
// default export is filled by `ready`, which bin/yoga-preload.ts awaits (fetch hidden) before
// anything builds a Yoga node. The enums are the package's own, synchronous as before.
import { loadYoga } from "yoga-layout/load";

export * from "yoga-layout/load";
const Yoga = {};
export default Yoga;
let loading;
/** Instantiates the wasm once and fills the default export (Node, Config, the enums). */
export function ready() {
  return (loading ??= loadYoga().then((y) => void Object.assign(Yoga, y)));
}
