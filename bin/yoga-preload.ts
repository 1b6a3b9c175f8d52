// Loads yoga-layout with `fetch` hidden. Its Emscripten loader fetch()es its own base64 `data:`
// URL whenever a global fetch exists: the first touch of `fetch` compiles Node's bundled undici
// and the URL is decoded through it, ~25 ms of start-up. Without fetch it decodes with atob.
// Imported first by the interactive command; the real fetch (a lazy global) is put back at once.

const saved = Object.getOwnPropertyDescriptor(globalThis, "fetch");
Object.defineProperty(globalThis, "fetch", { value: undefined, configurable: true, writable: true });
try {
  await import("yoga-layout");
} finally {
  if (saved) Object.defineProperty(globalThis, "fetch", saved);
  else delete (globalThis as { fetch?: unknown }).fetch;
}

export {};
