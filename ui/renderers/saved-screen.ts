// The transcript's newest screenful as it was drawn, kept across runs so `--resume` paints its
// first frame without loading marked or highlight.js. Blocks are matched by a digest of what
// renderBlock reads (kind, role, text, metadata), never by id, so a block whose content differs
// from the saved one simply renders as usual.
import type { Block } from "../../engine/kernel/block.js";
import type { StyledLine } from "../wrap-text.js";

/** The saved lines of the newest blocks, valid for one build, transcript width and flag key. */
export type SavedScreen = { version: 1; build: string; width: number; flags: string; blocks: SavedBlock[] };

/** One block's digest and its lines. */
export type SavedBlock = { digest: string; lines: StyledLine[] };

// cyrb53: a fast 53-bit string hash; with the content length in the digest a collision between a
// saved block and a different one is out of reach in practice.
function hash53(s: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** What a block draws as, in one string: equal digests render to equal lines (undefined: metadata JSON cannot hold). */
export function blockDigest(b: Block): string | undefined {
  let meta: string;
  try {
    meta = JSON.stringify(b.metadata);
  } catch {
    return undefined; // a BigInt or a cycle: such a block is never saved nor matched
  }
  const content = `${b.kind}\u0000${b.role}\u0000${meta}\u0000${b.text}`;
  return `${content.length.toString(36)}.${hash53(content).toString(36)}.${hash53(content, 7).toString(36)}`;
}

const isSpan = (s: unknown): boolean => {
  if (typeof s !== "object" || s === null || typeof (s as { text?: unknown }).text !== "string") return false;
  const style = (s as { style?: unknown }).style;
  return style === undefined || (typeof style === "object" && style !== null && !Array.isArray(style));
};

/**
 * A parsed file's screen when it has the shape and matches `build`; null otherwise (a file from
 * another build, a corrupt or hand-edited one: the resume then renders as usual).
 */
export function checkSavedScreen(v: unknown, build: string): SavedScreen | null {
  if (typeof v !== "object" || v === null) return null;
  const s = v as Partial<SavedScreen>;
  if (s.version !== 1 || s.build !== build || typeof s.width !== "number" || typeof s.flags !== "string" || !Array.isArray(s.blocks)) return null;
  for (const b of s.blocks as unknown[]) {
    const block = b as Partial<SavedBlock> | null;
    if (typeof block !== "object" || block === null || typeof block.digest !== "string" || !Array.isArray(block.lines)) return null;
    for (const line of block.lines) if (!Array.isArray(line) || !line.every(isSpan)) return null;
  }
  return s as SavedScreen;
}

/** Saved lines by digest, for one width and flag key: what a cache miss asks before rendering. */
export class ScreenSeed {
  private readonly byDigest = new Map<string, StyledLine[]>();

  constructor(private readonly screen: SavedScreen) {
    for (const b of screen.blocks) this.byDigest.set(b.digest, b.lines);
  }

  /** The saved lines of a block drawn at this width and flag key, if the screen holds them. */
  lines(b: Block, width: number, flags: string): StyledLine[] | undefined {
    if (width !== this.screen.width || flags !== this.screen.flags || b.streaming) return undefined;
    const digest = blockDigest(b);
    return digest === undefined ? undefined : this.byDigest.get(digest);
  }
}
