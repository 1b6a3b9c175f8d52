// A Fenwick (binary indexed) tree of non-negative weights: point updates, prefix sums and the
// search "how many leading weights sum to at most x", each O(log n); appending is O(log n) too.

/** Non-negative weights by position with O(log n) prefix sums. */
export class Fenwick {
  private tree: number[] = [0];
  private weights: number[] = [];

  /** Builds from weights in O(n). */
  static from(weights: readonly number[]): Fenwick {
    const f = new Fenwick();
    f.weights = weights.slice();
    f.tree = [0, ...weights];
    for (let i = 1; i < f.tree.length; i++) {
      const j = i + (i & -i);
      if (j < f.tree.length) f.tree[j]! += f.tree[i]!;
    }
    return f;
  }

  /** Number of weights. */
  get length(): number {
    return this.weights.length;
  }

  /** The weight at i. */
  get(i: number): number {
    return this.weights[i]!;
  }

  /** Sets the weight at i. */
  set(i: number, w: number): void {
    const d = w - this.weights[i]!;
    if (d === 0) return;
    this.weights[i] = w;
    for (let k = i + 1; k < this.tree.length; k += k & -k) this.tree[k]! += d;
  }

  /** Appends a weight at the end. */
  push(w: number): void {
    const k = this.tree.length;
    // Node k covers (k - lowbit(k), k]: the new weight plus the nodes below it in that range.
    let sum = w;
    for (let j = k - 1, stop = k - (k & -k); j > stop; j -= j & -j) sum += this.tree[j]!;
    this.tree.push(sum);
    this.weights.push(w);
  }

  /** The sum of weights [0, k). */
  prefix(k: number): number {
    let s = 0;
    for (let i = Math.min(k, this.weights.length); i > 0; i -= i & -i) s += this.tree[i]!;
    return s;
  }

  /** The largest k such that the sum of weights [0, k) is at most x (0 when x < 0). */
  countAtMost(x: number): number {
    if (x < 0) return 0;
    let pos = 0;
    let rest = x;
    let step = 1;
    while (step * 2 < this.tree.length) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      if (next < this.tree.length && this.tree[next]! <= rest) {
        pos = next;
        rest -= this.tree[next]!;
      }
    }
    return pos;
  }
}
