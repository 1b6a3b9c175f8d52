// Ordered schema migrations for librecode.db; each runs once, in its own transaction.
import type Database from "better-sqlite3";

/** Migration N (1-based) upgrades a database at version N-1 to version N. Never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     name TEXT,
     cwd TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     provider TEXT,
     model TEXT
   );
   CREATE INDEX sessions_updated ON sessions (updated_at);
   CREATE INDEX sessions_cwd_updated ON sessions (cwd, updated_at);
   CREATE TABLE messages (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     role TEXT NOT NULL,
     kind TEXT NOT NULL,
     text TEXT NOT NULL DEFAULT '',
     payload TEXT,
     status TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     writer_pid INTEGER,
     UNIQUE (session_id, seq)
   );`,
  `ALTER TABLE messages ADD COLUMN replaces_through INTEGER;
   CREATE INDEX messages_partial ON messages (status) WHERE status = 'partial';`,
  // librecode.store: per-extension values (JSON text), written when the setting handler commits.
  `CREATE TABLE extension_values (
     extension TEXT NOT NULL,
     key TEXT NOT NULL,
     value TEXT NOT NULL,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (extension, key)
   ) WITHOUT ROWID;`,
  // Sessions as a tree: a fork records its parent and the last parent seq it copied.
  `ALTER TABLE sessions ADD COLUMN parent_id TEXT REFERENCES sessions (id) ON DELETE SET NULL;
   ALTER TABLE sessions ADD COLUMN fork_seq INTEGER;
   CREATE INDEX sessions_parent ON sessions (parent_id);`,
];

/** The version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The database's schema version (0 for an empty database). */
export function schemaVersion(db: Database.Database): number {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const row = db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined;
  return row?.version ?? 0;
}

/** Brings `db` up to SCHEMA_VERSION; refuses a database written by a newer librecode. */
export function migrate(db: Database.Database, where: string): number {
  const from = schemaVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new Error(`session: ${where}: expected schema version <= ${SCHEMA_VERSION}, got ${from} (written by a newer librecode)`);
  }
  // The version is re-read inside each write transaction: two processes may open a new database at once.
  for (let v = from + 1; v <= SCHEMA_VERSION; v++) {
    db.transaction(() => {
      if (schemaVersion(db) >= v) return;
      db.exec(MIGRATIONS[v - 1]!);
      db.prepare("DELETE FROM schema_version").run();
      db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(v);
    }).immediate();
  }
  return SCHEMA_VERSION;
}
