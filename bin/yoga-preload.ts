// Loads yoga-layout with `fetch` hidden. Its Emscripten loader fetch()es its own base64 `data:`
// URL whenever a global fetch exists: the first touch of `fetch` compiles Node's bundled undici
// and the URL is decoded through it, ~25 ms of start-up. Without fetch it decodes with atob, which
// Node 20 implements in JavaScript (~5 ms for yoga's 95 KB): while yoga loads, atob decodes
// through Buffer instead (~0.5 ms). Both matter only unbundled: the start-up bundle's shim hands
// Emscripten the wasm bytes from dist/bundle/yoga.wasm, so nothing is fetched or decoded there.
// Awaited by the interactive command's starts before they import bin/cmd-chat.ts; the real fetch
// (a lazy global) is put back at once.

/** Instantiates yoga-layout's wasm with fetch hidden (once; later calls find it loaded). */
export async function preloadYoga(): Promise<void> {
  const saved = Object.getOwnPropertyDescriptor(globalThis, "fetch");
  Object.defineProperty(globalThis, "fetch", { value: undefined, configurable: true, writable: true });
  const atob = globalThis.atob;
  globalThis.atob = (data: string) => Buffer.from(data, "base64").toString("latin1");
  try {
    // The package instantiates the wasm at import (top-level await). In the start-up bundle,
    // "yoga-layout" is scripts/yoga-layout-shim.mjs, whose `ready()` does it instead.
    const yoga = (await import("yoga-layout")) as { ready?: () => Promise<void> };
    await yoga.ready?.();
  } finally {
    globalThis.atob = atob;
    if (saved) Object.defineProperty(globalThis, "fetch", saved);
    else delete (globalThis as { fetch?: unknown }).fetch;
  }
}
