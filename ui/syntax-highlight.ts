import { createRequire } from "node:module";
import type { HLJSApi } from "highlight.js";
import type { Span, Style } from "../engine/kernel/style.js";
import type { StyledLine } from "./wrap-text.js";

// The core build plus explicit languages: the full bundle costs ~190 languages of startup time.
const LANGUAGES = new Set(["bash", "c", "cpp", "css", "diff", "go", "java", "javascript", "json", "lua", "markdown", "python",
  "rust", "shell", "sql", "typescript", "xml", "yaml"]);
// Languages a language's grammar embeds (html`...` templates, <script> in HTML): registered with it.
const EMBEDS: Record<string, readonly string[]> = {
  javascript: ["xml", "css"], typescript: ["xml", "css"], markdown: ["xml"], shell: ["bash"], xml: ["css", "javascript"],
};

let loaded: HLJSApi | undefined;

// highlight.js is loaded by the first fenced block with a language, not at start-up (a first frame
// without code never pays for it), and each language by the first block in it (registering all
// of them is half of highlight.js's load time). require keeps this module's API synchronous.
function hljs(): HLJSApi {
  if (loaded !== undefined) return loaded;
  const require = createRequire(import.meta.url);
  return (loaded = require("highlight.js/lib/core") as HLJSApi);
}

// Registers `name` (and what it embeds) on first use; false for a language not offered.
function ensureLanguage(api: HLJSApi, name: string): boolean {
  if (!LANGUAGES.has(name)) return false;
  if (api.getLanguage(name) !== undefined) return true;
  const require = createRequire(import.meta.url);
  api.registerLanguage(name, require(`highlight.js/lib/languages/${name}`));
  for (const sub of EMBEDS[name] ?? []) ensureLanguage(api, sub);
  return true;
}

/** The base style of code text (fenced blocks). */
export const CODE_STYLE: Style = Object.freeze({ fg: "codeText" });

// One frozen Style per token, so the theme's per-object resolve cache hits every time.
const tok = (fg: string): Style => Object.freeze({ fg });
const SCOPE_STYLE: Record<string, Style> = {
  keyword: tok("syntaxKeyword"), literal: tok("syntaxKeyword"), tag: tok("syntaxKeyword"), name: tok("syntaxKeyword"),
  built_in: tok("syntaxBuiltin"), type: tok("syntaxType"), "title.class": tok("syntaxType"), "title.class.inherited": tok("syntaxType"),
  number: tok("syntaxNumber"), symbol: tok("syntaxNumber"), bullet: tok("syntaxNumber"),
  string: tok("syntaxString"), regexp: tok("syntaxString"), "meta.string": tok("syntaxString"),
  comment: tok("syntaxComment"), quote: tok("syntaxComment"), doctag: tok("syntaxComment"),
  "title.function": tok("syntaxFunction"), title: tok("syntaxFunction"), "title.function.invoke": tok("syntaxFunction"),
  variable: tok("syntaxVariable"), params: tok("syntaxVariable"), attr: tok("syntaxVariable"), attribute: tok("syntaxVariable"),
  property: tok("syntaxVariable"), "variable.language": tok("syntaxKeyword"), "variable.constant": tok("syntaxNumber"),
  operator: tok("syntaxOperator"), punctuation: tok("syntaxPunctuation"), meta: tok("syntaxMeta"), "meta.keyword": tok("syntaxMeta"),
  addition: tok("diffAdd"), deletion: tok("diffDelete"), section: tok("mdHeading"), link: tok("mdLink"),
};

const ALIASES: Record<string, string> = { js: "javascript", jsx: "javascript", ts: "typescript", tsx: "typescript",
  py: "python", sh: "bash", zsh: "bash", console: "shell", yml: "yaml", html: "xml", rs: "rust", golang: "go", md: "markdown",
  "c++": "cpp", h: "c", hpp: "cpp" };

/** Canonical registered language for a fence info string, or null when it is not highlighted. */
export function codeLanguage(info: string | undefined): string | null {
  const lang = (info ?? "").trim().split(/\s+/)[0]!.toLowerCase();
  if (lang === "") return null;
  const name = ALIASES[lang] ?? lang;
  return ensureLanguage(hljs(), name) ? name : null;
}

/** hljs class list ("hljs-title function_") -> scope ("title.function"). */
function scopeOf(classes: string): string {
  const parts = classes.split(" ");
  const head = parts[0]!.replace(/^hljs-/, "");
  const subs = parts.slice(1).map((p) => p.replace(/_+$/, ""));
  return [head, ...subs].join(".");
}

function styleFor(scope: string): Style | undefined {
  let s: string = scope;
  for (;;) {
    const st = SCOPE_STYLE[s];
    if (st !== undefined) return st;
    const dot = s.lastIndexOf(".");
    if (dot < 0) return undefined;
    s = s.slice(0, dot);
  }
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#39;": "'" };
const decode = (s: string): string => (s.includes("&") ? s.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (m) => ENTITIES[m]!) : s);

// hljs HTML of one highlight call -> styled lines (one per source line).
function htmlLines(html: string): StyledLine[] {
  const lines: StyledLine[] = [[]];
  const stack: Style[] = [CODE_STYLE];
  const push = (text: string) => {
    const style = stack[stack.length - 1]!;
    const parts = text.split("\n");
    parts.forEach((p, i) => {
      if (i > 0) lines.push([]);
      if (p === "") return;
      const line = lines[lines.length - 1]!;
      const last: Span | undefined = line[line.length - 1];
      if (last !== undefined && last.style === style) last.text += p;
      else line.push({ text: p, style });
    });
  };
  for (const m of html.matchAll(/<span class="([^"]+)">|<\/span>|[^<]+/g)) {
    if (m[1] !== undefined) stack.push(styleFor(scopeOf(m[1])) ?? stack[stack.length - 1]!);
    else if (m[0] === "</span>") { if (stack.length > 1) stack.pop(); }
    else push(decode(m[0]));
  }
  return lines;
}

const plainLine = (l: string): StyledLine => (l === "" ? [] : [{ text: l, style: CODE_STYLE }]);

/** Lines of code highlighted together, from `start` through `end` (inclusive). */
type Segment = { end: number; lines: StyledLine[]; root: boolean };

// Lines tried one at a time before a segment grows by doubling (a long comment or string).
const LINEAR_STEPS = 32;

/**
 * The segment of `lines` that starts at `start`: the shortest run of lines, tried one line at a
 * time (then doubling), that highlights back to the language's top level, or else the rest.
 * Whole code is highlighted segment by segment, so a line's colours depend only on the lines of
 * its segment: a growing block re-highlights only its last segment, and a fresh render of the
 * same text gives the same colours.
 */
function segmentAt(lines: readonly string[], start: number, lang: string, limit = Infinity): Segment | null {
  const api = hljs();
  ensureLanguage(api, lang); // highlightCode may name a language no fence asked for yet
  const root = api.getLanguage(lang);
  let end = start;
  let step = 1;
  for (;;) {
    const r = api.highlight(lines.slice(start, end + 1).join("\n"), { language: lang, ignoreIllegals: true }) as { value: string; _top?: unknown };
    if (r._top === root) return { end, lines: htmlLines(r.value), root: true };
    if (end >= lines.length - 1) return { end, lines: htmlLines(r.value), root: false };
    if (end - start >= LINEAR_STEPS) step *= 2;
    // With a limit (lines after it may still change) only the ends an unlimited search would try
    // count: never one clamped to the limit.
    if (end + step >= limit) return null;
    end = Math.min(lines.length - 1, end + step);
  }
}

/**
 * Highlights code into styled lines (one per source line). Styles are theme tokens (`syntax*`,
 * `diffAdd`...), `codeText` where no scope applies; an unknown language is plain `codeText`.
 */
export function highlightCode(code: string, lang: string | null): StyledLine[] {
  return highlightLines(code.split("\n"), lang, 0);
}

// Highlights lines [from, end) segment by segment.
function highlightLines(lines: readonly string[], lang: string | null, from: number): StyledLine[] {
  if (lang === null) return lines.slice(from).map(plainLine);
  const out: StyledLine[] = [];
  for (let s = from; s < lines.length;) {
    const seg = segmentAt(lines, s, lang)!;
    for (const l of seg.lines) out.push(l);
    s = seg.end + 1;
  }
  return out;
}

/** What highlightGrowing keeps: the highlighted lines of the settled segments (the first `count`). */
export type HighlightMemo = { lang: string | null; settled: StyledLine[]; count: number };

/**
 * highlightCode for code that grows at its end (an open fence while a stream writes it): the
 * first `complete` lines can no longer change, so every segment that lies within them and ends at
 * the top level is kept in the memo; only the lines after those are highlighted again. Gives
 * exactly highlightCode's lines.
 */
export function highlightGrowing(lines: readonly string[], complete: number, lang: string | null, memo?: HighlightMemo): { lines: StyledLine[]; memo: HighlightMemo } {
  // The settled array is appended to in place (the memo passed in is not used again); a memo
  // whose array grew since is cut back to its own count.
  let settled = memo !== undefined && memo.lang === lang ? memo.settled : [];
  if (memo !== undefined && settled.length !== memo.count) settled = settled.slice(0, memo.count);
  let s = settled.length;
  if (lang === null) { while (s < complete) settled.push(plainLine(lines[s++]!)); }
  else {
    while (s < complete) {
      const seg = segmentAt(lines, s, lang, complete);
      if (seg === null || !seg.root) break;
      for (const l of seg.lines) settled.push(l);
      s = seg.end + 1;
    }
  }
  const tail = highlightLines(lines, lang, s);
  return { lines: tail.length === 0 ? settled.slice() : settled.concat(tail), memo: { lang, settled, count: settled.length } };
}
