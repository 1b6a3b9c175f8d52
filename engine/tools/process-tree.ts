// The processes a command started that left its process group (setsid, double forks): found through
// /proc while their parent chain still leads back to the command, so a timeout can kill them too.
import { readdirSync, readFileSync } from "node:fs";

type Proc = { pid: number; ppid: number; pgrp: number };

function readProcs(): Proc[] {
  let names: string[];
  try {
    names = readdirSync("/proc");
  } catch {
    return []; // no /proc (not Linux): only the group can be killed
  }
  const out: Proc[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ")".
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (rest[0] === "Z") continue;
      out.push({ pid: Number(name), ppid: Number(rest[1]), pgrp: Number(rest[2]) });
    } catch {
      // Exited while we looked.
    }
  }
  return out;
}

/** Live descendants of `root` that are no longer in process group `group`. */
export function escapedDescendants(root: number, group: number): number[] {
  const procs = readProcs();
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const escaped: number[] = [];
  const queue = [root];
  const seen = new Set<number>(queue);
  while (queue.length > 0) {
    for (const c of children.get(queue.shift()!) ?? []) {
      if (seen.has(c.pid)) continue;
      seen.add(c.pid);
      if (c.pgrp !== group) escaped.push(c.pid);
      queue.push(c.pid);
    }
  }
  return escaped;
}
