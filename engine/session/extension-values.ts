// The store backend of `librecode.store`: the extension_values table of librecode.db, on its own
// connection. SQLite is loaded on first use only (an extension that never stores pays nothing).
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import type Database from "better-sqlite3";
import type { StoreBackend, StoreChange } from "../kernel/owner-store.js";
import { checkDatabasePath, databaseOpenError, databasePath } from "./database-path.js";
import { migrate } from "./session-migrations.js";

const require = createRequire(import.meta.url);

/** Opens (creating and migrating as needed) `<home>/librecode.db` for extension values. */
export function openExtensionValues(home: string, now: () => number = Date.now): StoreBackend {
  checkDatabasePath(home);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const path = databasePath(home);
  const Sqlite = require("better-sqlite3") as typeof Database;
  let db: Database.Database;
  try {
    db = new Sqlite(path);
    db.pragma("journal_mode = WAL");
  } catch (e) {
    throw databaseOpenError(path, e instanceof Error ? e.message : String(e));
  }
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  migrate(db, path);
  const select = db.prepare("SELECT key, value FROM extension_values WHERE extension = ?");
  const upsert = db.prepare(
    "INSERT INTO extension_values (extension, key, value, updated_at) VALUES (?, ?, ?, ?) " +
    "ON CONFLICT (extension, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
  );
  const remove = db.prepare("DELETE FROM extension_values WHERE extension = ? AND key = ?");
  const writeAll = db.transaction((changes: readonly StoreChange[]) => {
    const t = now();
    for (const c of changes) {
      if (c.value === undefined) remove.run(c.owner, c.key);
      else upsert.run(c.owner, c.key, c.value, t);
    }
  });
  return {
    load: (owner) => new Map((select.all(owner) as { key: string; value: string }[]).map((r) => [r.key, r.value])),
    write: (changes) => writeAll.immediate(changes),
  };
}
