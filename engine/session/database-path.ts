// Where the session database lives, and a check that it can be opened, made with `fs` only so
// the interactive app can fail before it takes the terminal without loading SQLite first.
import { accessSync, constants, statSync } from "node:fs";
import { join } from "node:path";

/** `$LIBRECODE_HOME/librecode.db`. */
export function databasePath(home: string): string {
  return join(home, "librecode.db");
}

/** The error every failed open reports: `session: PATH: cannot open the database: REASON`. */
export function databaseOpenError(path: string, reason: string): Error {
  const e = new Error(`session: ${path}: cannot open the database: ${reason}`);
  e.name = "SessionOpenError"; // not bad usage: the CLI exits 1
  return e;
}

/** Throws databaseOpenError when `home`'s database is sure to fail to open (a directory, no access). */
export function checkDatabasePath(home: string): void {
  const path = databasePath(home);
  const fail = (reason: string): never => {
    throw databaseOpenError(path, reason);
  };
  const st = statOrNull(path);
  if (st) {
    if (st.isDirectory()) fail("it is a directory");
    if (!st.isFile()) fail("it is not a regular file");
    if (!accessible(path, constants.R_OK | constants.W_OK)) fail("permission denied (it must be readable and writable)");
    return;
  }
  const dir = statOrNull(home);
  if (!dir) return; // created on open, with its parents
  if (!dir.isDirectory()) fail(`${home} is not a directory`);
  if (!accessible(home, constants.W_OK | constants.X_OK)) fail(`permission denied (cannot create it in ${home})`);
}

function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function accessible(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}
