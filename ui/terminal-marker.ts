// A SIGKILL or an OOM kill cannot be caught, so a chat killed that way leaves its terminal on the
// alternate screen with the cursor hidden and mouse, paste and keyboard modes on. While a chat owns
// the terminal a marker file under LIBRECODE_HOME says so; the next start that finds the marker of
// a dead process on its own terminal repairs what that run left, then removes the marker.
import { fstatSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { isatty } from "node:tty";
import { join } from "node:path";
import { childProcess } from "../engine/kernel/child-process.js";
import { REPAIR_SEQUENCE } from "./terminal-modes.js";

/** The marker of one run: its pid and the terminal it owned. */
export type TerminalMarkerRecord = { pid: number; tty: string | null };

/** What a repair writes to and how it checks a pid; tests pass their own. */
export type RepairOptions = {
  tty?: string | null;
  write?: (bytes: string) => void;
  /** Gives the terminal a sane line discipline again (`stty sane`; default: on the real stdin). */
  sane?: () => void;
  alive?: (pid: number) => boolean;
};

const dirOf = (home: string) => join(home, "run");
const fileOf = (home: string, pid: number) => join(dirOf(home), `terminal-${pid}.json`);

/** Which terminal fd is (its device number), or null off a terminal. */
export function terminalId(fd = 1): string | null {
  try {
    return isatty(fd) ? String(fstatSync(fd).rdev) : null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Writes the marker for this run; the returned release removes it (also at process exit, which
 * the terminal guard reaches on signals and crashes). A home that cannot be written only loses
 * the repair, never the chat.
 */
export function claimTerminal(home: string, record: TerminalMarkerRecord = { pid: process.pid, tty: terminalId() }): () => void {
  const file = fileOf(home, record.pid);
  try {
    mkdirSync(dirOf(home), { recursive: true });
    writeFileSync(file, JSON.stringify(record) + "\n");
  } catch {
    return () => {};
  }
  const release = (): void => {
    process.off("exit", release);
    try { unlinkSync(file); } catch { /* already gone */ }
  };
  process.on("exit", release);
  return release;
}

/**
 * Repairs the terminal if a marker names a dead run on this terminal (or on an unknown one):
 * every mode off, the main screen and the cursor back, `stty sane`, and that marker removed.
 * Markers of live runs and of other terminals stay. Returns the pids of the runs repaired for.
 */
export function repairStaleTerminal(home: string, opts: RepairOptions = {}): number[] {
  let names: string[];
  try {
    names = readdirSync(dirOf(home)).filter((n) => /^terminal-\d+\.json$/.test(n));
  } catch {
    return []; // no marker was ever written: the usual start
  }
  const tty = opts.tty === undefined ? terminalId() : opts.tty;
  const alive = opts.alive ?? pidAlive;
  const dead: number[] = [];
  for (const name of names) {
    let rec: TerminalMarkerRecord;
    try {
      rec = JSON.parse(readFileSync(join(dirOf(home), name), "utf8")) as TerminalMarkerRecord;
    } catch {
      continue;
    }
    if (typeof rec.pid !== "number" || rec.pid === process.pid || alive(rec.pid)) continue;
    if (rec.tty !== null && tty !== null && rec.tty !== tty) continue;
    dead.push(rec.pid);
    try { unlinkSync(join(dirOf(home), name)); } catch { /* another start took it */ }
  }
  if (dead.length === 0) return dead;
  (opts.write ?? ((s) => process.stdout.write(s)))(REPAIR_SEQUENCE);
  (opts.sane ?? sttySane)();
  return dead;
}

// The killed run left the tty raw; most shells put their own mode back, not all do.
function sttySane(): void {
  if (isatty(0)) childProcess().spawnSync("stty", ["sane"], { stdio: ["inherit", "ignore", "ignore"] });
}
