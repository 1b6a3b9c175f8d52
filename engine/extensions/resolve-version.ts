// VERSION forms: an exact tag, a branch, a commit, or a semver range over the tags (`^1.2`).
import semver from "semver";

/** What a requested version resolved to. */
export type Resolved = { tag: string; commit: string };

export type Refs = { tags: Map<string, string>; branches: Map<string, string>; head: string | undefined };

/** The newest tag satisfying range (tags that are not semver are ignored), or undefined. */
function newestTag(tags: Map<string, string>, range: string): string | undefined {
  let best: string | undefined;
  for (const t of tags.keys()) {
    const v = semver.valid(t, { loose: true });
    if (!v || !semver.satisfies(v, range, { loose: true })) continue;
    if (!best || semver.gt(v, semver.valid(best, { loose: true })!)) best = t;
  }
  return best;
}

/**
 * Resolves `requested` against the refs: "" means the newest semver tag (else the default
 * branch); then an exact tag, a branch, a semver range; `commitOf` answers commit ids last.
 * Throws an Error naming what exists when nothing matches.
 */
export function resolveVersion(refs: Refs, requested: string, commitOf: (rev: string) => string | undefined): Resolved {
  if (requested === "") {
    const tag = newestTag(refs.tags, "*");
    if (tag) return { tag, commit: refs.tags.get(tag)! };
    if (refs.head) return { tag: "", commit: refs.head };
    throw new Error("the repository has no tags and no default branch");
  }
  const exact = refs.tags.get(requested);
  if (exact) return { tag: requested, commit: exact };
  const branch = refs.branches.get(requested);
  if (branch) return { tag: "", commit: branch };
  if (semver.validRange(requested, { loose: true })) {
    const tag = newestTag(refs.tags, requested);
    if (tag) return { tag, commit: refs.tags.get(tag)! };
  }
  if (/^[0-9a-f]{7,40}$/i.test(requested)) {
    const commit = commitOf(requested);
    if (commit) return { tag: "", commit };
  }
  const tags = [...refs.tags.keys()].sort();
  const branches = [...refs.branches.keys()].sort();
  throw new Error(`no tag, branch or commit matches "${requested}" (tags: ${tags.join(", ") || "none"}; branches: ${branches.join(", ") || "none"})`);
}
