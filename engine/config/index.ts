// The configuration module's public surface.
export * from "./config-schema.js";
export * from "./config-error.js";
export * from "./config-env.js";
export * from "./extension-source.js";
export * from "./load-config.js";
export * from "./config-show.js";
