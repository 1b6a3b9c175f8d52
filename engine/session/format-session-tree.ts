// `session tree`: sessions drawn as the forest their forks make, each line `id  updated  N msgs  name`.
import { formatTime } from "./format-session-list.js";
import type { SessionInfo } from "./session-records.js";

/** One line of the forest: the session and the tree lines drawn before it (`├─ `, `│  └─ `). */
export type ForestRow = { session: SessionInfo; branch: string };

/** The sessions' forest, depth first: roots (no parent among `sessions`) in creation order, each
 *  session's forks under it in creation order. */
export function sessionForest(sessions: readonly SessionInfo[]): ForestRow[] {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const kids = new Map<string, SessionInfo[]>();
  const roots: SessionInfo[] = [];
  const order = [...sessions].sort((a, b) => a.createdAt - b.createdAt);
  for (const s of order) {
    if (s.parentId !== null && byId.has(s.parentId)) {
      const list = kids.get(s.parentId) ?? [];
      list.push(s);
      kids.set(s.parentId, list);
    } else roots.push(s);
  }
  const out: ForestRow[] = [];
  const walk = (s: SessionInfo, lead: string, branch: string) => {
    out.push({ session: s, branch });
    const children = kids.get(s.id) ?? [];
    children.forEach((c, i) => {
      const last = i === children.length - 1;
      walk(c, `${lead}${last ? "   " : "│  "}`, `${lead}${last ? "└─ " : "├─ "}`);
    });
  };
  for (const r of roots) walk(r, "", "");
  return out;
}

/** The forest as lines `id  updated  N msgs  name`; `mark` gets a `*` (the current session). */
export function formatSessionTree(sessions: readonly SessionInfo[], mark?: string): string[] {
  if (sessions.length === 0) return ["no sessions"];
  const countWidth = Math.max(...sessions.map((s) => String(s.messageCount).length));
  const line = (s: SessionInfo) =>
    [
      `${s.id}${s.id === mark ? " *" : ""}`,
      formatTime(s.updatedAt),
      `${String(s.messageCount).padStart(countWidth)} msgs`,
      s.name ?? "-",
      ...(s.forkSeq !== null && s.parentId !== null ? [`(fork after message ${s.forkSeq})`] : []),
    ].join("  ");
  return sessionForest(sessions).map((r) => `${r.branch}${line(r.session)}`);
}

/** The sessions of the tree that holds `id`: its root and every descendant. */
export function treeOf(all: readonly SessionInfo[], id: string): SessionInfo[] {
  const byId = new Map(all.map((s) => [s.id, s]));
  let root = byId.get(id);
  const seen = new Set<string>();
  while (root && root.parentId !== null && byId.has(root.parentId) && !seen.has(root.id)) {
    seen.add(root.id);
    root = byId.get(root.parentId);
  }
  if (!root) return [];
  const kids = new Map<string, SessionInfo[]>();
  for (const s of all) if (s.parentId !== null) kids.set(s.parentId, [...(kids.get(s.parentId) ?? []), s]);
  const out: SessionInfo[] = [];
  const stack = [root];
  while (stack.length) {
    const s = stack.pop()!;
    out.push(s);
    stack.push(...(kids.get(s.id) ?? []));
  }
  return out;
}
