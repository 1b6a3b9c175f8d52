// The ordered store of one text's extmarks: a treap keyed by (start, ns, id) over code-point
// offsets, with a lazy offset per subtree (an edit shifts every mark after it in O(log n)) and the
// subtree's largest end (overlap queries visit only marks that can touch the range). Marks at or
// inside an edit are moved one by one: they are the only ones whose fate depends on gravity.

/** One mark as stored. start/end are exact once every ancestor's pending `lazy` is added. */
export type MarkNode<T> = {
  ns: number;
  id: number;
  start: number;
  /** Equal to start for a mark without a range. */
  end: number;
  rightGravity: boolean;
  endRightGravity: boolean;
  data: T;
  maxEnd: number;
  lazy: number;
  pri: number;
  left: MarkNode<T> | null;
  right: MarkNode<T> | null;
  parent: MarkNode<T> | null;
};

/** What an edit changed, so the transaction can put it back exactly. */
export type EditUndo<T> = { at: number; hi: number; delta: number; moved: Array<[MarkNode<T>, number, number]>; ends: Map<MarkNode<T>, number> };

type Tree<T> = MarkNode<T> | null;

function apply<T>(t: Tree<T>, d: number): void {
  if (t === null || d === 0) return;
  t.start += d;
  t.end += d;
  t.maxEnd += d;
  t.lazy += d;
}

function push<T>(t: MarkNode<T>): void {
  if (t.lazy === 0) return;
  apply(t.left, t.lazy);
  apply(t.right, t.lazy);
  t.lazy = 0;
}

function update<T>(t: MarkNode<T>): MarkNode<T> {
  let m = t.end;
  if (t.left !== null) { t.left.parent = t; if (t.left.maxEnd > m) m = t.left.maxEnd; }
  if (t.right !== null) { t.right.parent = t; if (t.right.maxEnd > m) m = t.right.maxEnd; }
  t.maxEnd = m;
  return t;
}

/** Splits t into (nodes where goesLeft holds, the rest); goesLeft must be monotone in key order. */
function split<T>(t: Tree<T>, goesLeft: (n: MarkNode<T>) => boolean): [Tree<T>, Tree<T>] {
  if (t === null) return [null, null];
  push(t);
  t.parent = null;
  if (goesLeft(t)) {
    const [a, b] = split(t.right, goesLeft);
    t.right = a;
    if (b !== null) b.parent = null;
    return [update(t), b];
  }
  const [a, b] = split(t.left, goesLeft);
  t.left = b;
  if (a !== null) a.parent = null;
  return [a, update(t)];
}

function merge<T>(a: Tree<T>, b: Tree<T>): Tree<T> {
  if (a === null) return b;
  if (b === null) return a;
  if (a.pri > b.pri) {
    push(a);
    a.right = merge(a.right, b);
    a.parent = null;
    return update(a);
  }
  push(b);
  b.left = merge(a, b.left);
  b.parent = null;
  return update(b);
}

/** Key order: start, then namespace, then id. */
export function before<T>(a: MarkNode<T>, start: number, ns: number, id: number): boolean {
  return a.start < start || (a.start === start && (a.ns < ns || (a.ns === ns && a.id < id)));
}

function collect<T>(t: Tree<T>, out: MarkNode<T>[]): MarkNode<T>[] {
  if (t === null) return out;
  push(t);
  collect(t.left, out);
  out.push(t);
  collect(t.right, out);
  return out;
}

/** Detaches nodes and joins them, in key order, into one tree. */
function build<T>(nodes: MarkNode<T>[]): Tree<T> {
  nodes.sort((a, b) => a.start - b.start || a.ns - b.ns || a.id - b.id);
  let t: Tree<T> = null;
  for (const n of nodes) {
    n.left = n.right = n.parent = null;
    n.lazy = 0;
    n.maxEnd = n.end;
    t = merge(t, n);
  }
  return t;
}

// Visits (and lets f change) the end of every node whose end >= from, fixing maxEnd on the way up.
function visitEnds<T>(t: Tree<T>, from: number, f: (n: MarkNode<T>) => void): void {
  if (t === null || t.maxEnd < from) return;
  push(t);
  visitEnds(t.left, from, f);
  if (t.end >= from) f(t);
  visitEnds(t.right, from, f);
  update(t);
}

/** The marks of one text, ordered by position. */
export class MarkTree<T> {
  private root: Tree<T> = null;
  private count = 0;
  private seed = 0x2545f491;

  /** Number of marks. */
  get size(): number {
    return this.count;
  }

  /** A new detached node (not yet in any tree). */
  node(ns: number, id: number, start: number, end: number, rightGravity: boolean, endRightGravity: boolean, data: T): MarkNode<T> {
    // xorshift: priorities must be random for balance, but runs must be reproducible.
    this.seed ^= this.seed << 13; this.seed ^= this.seed >>> 17; this.seed ^= this.seed << 5;
    return { ns, id, start, end: Math.max(start, end), rightGravity, endRightGravity, data, maxEnd: end, lazy: 0, pri: this.seed >>> 0, left: null, right: null, parent: null };
  }

  /** Adds a detached node at its position. */
  insert(n: MarkNode<T>): void {
    const [a, b] = split(this.root, (x) => before(x, n.start, n.ns, n.id));
    this.root = merge(merge(a, build([n])), b);
    this.count++;
  }

  /** Removes a node that is in this tree. */
  remove(n: MarkNode<T>): void {
    const { start, end } = this.position(n);
    const [a, rest] = split(this.root, (x) => before(x, start, n.ns, n.id));
    const [, b] = split(rest, (x) => x === n);
    this.root = merge(a, b);
    n.start = start;
    n.end = end;
    this.count--;
  }

  /** The node's exact start and end (adds its ancestors' pending shifts). */
  position(n: MarkNode<T>): { start: number; end: number } {
    let d = 0;
    for (let p = n.parent; p !== null; p = p.parent) d += p.lazy;
    return { start: n.start + d, end: n.end + d };
  }

  /** Nodes with start <= to and end >= from, in key order: O(log n + k) for short ranges. Their
   *  ancestors' shifts are pushed down on the way, so each node's start and end are exact (until
   *  the next change of the tree). */
  overlapping(from: number, to: number): MarkNode<T>[] {
    const out: MarkNode<T>[] = [];
    const walk = (t: Tree<T>): void => {
      if (t === null || t.maxEnd < from) return;
      push(t);
      walk(t.left);
      if (t.start > to) return;
      if (t.end >= from) out.push(t);
      walk(t.right);
    };
    walk(this.root);
    return out;
  }

  /** Nodes with from <= start <= to, in key order. */
  starting(from: number, to: number): MarkNode<T>[] {
    const out: MarkNode<T>[] = [];
    const walk = (t: Tree<T>): void => {
      if (t === null) return;
      push(t);
      if (t.start >= from) walk(t.left);
      if (t.start > to) return;
      if (t.start >= from) out.push(t);
      walk(t.right);
    };
    walk(this.root);
    return out;
  }

  /** Every node, in key order. */
  all(): MarkNode<T>[] {
    return collect(this.root, []);
  }

  /** Text [at, at + len) was deleted: marks inside collapse to at, marks after move back. */
  delete(at: number, len: number): EditUndo<T> | null {
    if (len <= 0 || this.root === null) return null;
    const hi = at + len;
    const [l, rest] = split(this.root, (x) => x.start < at);
    const [m, r] = split(rest, (x) => x.start <= hi);
    apply(r, -len);
    const moved: Array<[MarkNode<T>, number, number]> = [];
    const nodes = collect(m, []);
    for (const n of nodes) {
      moved.push([n, n.start, n.end]);
      n.start = at;
      n.end = n.end <= hi ? at : n.end - len;
    }
    const ends = new Map<MarkNode<T>, number>();
    visitEnds(l, at + 1, (n) => {
      ends.set(n, n.end);
      n.end = n.end <= hi ? at : n.end - len;
    });
    this.root = merge(merge(l, build(nodes)), r);
    return { at, hi: at, delta: -len, moved, ends };
  }

  /** len code points were inserted at `at`: marks after move on, marks at `at` follow gravity. */
  insertText(at: number, len: number): EditUndo<T> | null {
    if (len <= 0 || this.root === null) return null;
    const [l, rest] = split(this.root, (x) => x.start < at);
    const [e, r] = split(rest, (x) => x.start <= at);
    apply(r, len);
    const moved: Array<[MarkNode<T>, number, number]> = [];
    const nodes = collect(e, []);
    for (const n of nodes) {
      moved.push([n, n.start, n.end]);
      if (n.rightGravity) n.start += len;
      if (n.end > at || n.endRightGravity) n.end += len;
      // A range never turns inside out: an empty one pushed from its start stays empty.
      if (n.end < n.start) n.end = n.start;
    }
    const ends = new Map<MarkNode<T>, number>();
    visitEnds(l, at, (n) => {
      if (n.end > at || n.endRightGravity) {
        ends.set(n, n.end);
        n.end += len;
      }
    });
    this.root = merge(merge(l, build(nodes)), r);
    return { at, hi: at + len, delta: len, moved, ends };
  }

  /** Puts back what an edit did (the tree must be as the edit left it: undo is newest first). */
  undo(u: EditUndo<T>): void {
    const [l, rest] = split(this.root, (x) => x.start < u.at);
    const [x, r] = split(rest, (y) => y.start <= u.hi);
    apply(r, -u.delta);
    const nodes = collect(x, []);
    for (const [n, start, end] of u.moved) { n.start = start; n.end = end; }
    visitEnds(l, u.at, (n) => {
      const end = u.ends.get(n);
      if (end !== undefined) n.end = end;
    });
    this.root = merge(merge(l, build(nodes)), r);
  }
}
