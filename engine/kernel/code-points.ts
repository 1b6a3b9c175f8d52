// 0-based code-point offsets over JS strings. Lua sees code points; JS strings are UTF-16, so a
// surrogate pair is one position. Strings without surrogates (nearly all text) take the fast path.

const SURROGATE = /[\uD800-\uDFFF]/;

/** True when s holds a surrogate code unit, so UTF-16 and code-point offsets can differ. */
export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

/** Number of code points in s. */
export function cpLength(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** UTF-16 index of code-point offset cp in s (clamped to [0, s.length]). */
export function cpToUtf16(s: string, cp: number): number {
  if (cp <= 0) return 0;
  if (!hasSurrogates(s)) return Math.min(cp, s.length);
  let i = 0;
  let n = 0;
  while (i < s.length && n < cp) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      i += d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
    } else {
      i++;
    }
    n++;
  }
  return i;
}

/** The code points [start, end) of s; end defaults to the end. Offsets are clamped. */
export function cpSlice(s: string, start: number, end?: number): string {
  if (!hasSurrogates(s)) return s.slice(Math.max(0, start), end === undefined ? undefined : Math.max(0, end));
  const a = cpToUtf16(s, start);
  const b = end === undefined ? s.length : cpToUtf16(s, end);
  return b <= a ? "" : s.slice(a, b);
}

/** s split into one-code-point strings (Lua's `chars`). */
export function cpChars(s: string): string[] {
  return hasSurrogates(s) ? Array.from(s) : s.split("");
}
