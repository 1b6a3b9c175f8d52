// The session module's public surface.
export * from "./session-records.js";
export * from "./session-migrations.js";
export * from "./session-store.js";
export * from "./format-session-list.js";
export * from "./format-session-show.js";
export * from "./database-path.js";
export * from "./format-session-tree.js";
export * from "./export-markdown.js";
export * from "./session-usage.js";
