// A small reading of a bash command line, enough to tell which files it names: its simple commands
// (one per `;`, `&&`, `|`, newline...), each with its words and redirections. A word is "static"
// when it has no expansion (`$x`, `$(...)`, backquotes), as the original's shell parser judged with
// no environment; command substitutions are read as commands of their own. Not a full shell
// grammar: compound commands are read as the simple commands inside them.

/** One word: its text with quotes removed, and whether any expansion was in it. */
export type ShellWord = { text: string; static: boolean };
/** A redirection: its operator (`>`, `>>`, `<`, `&>`, `2>`'s `>`...) and target word. */
export type ShellRedirect = { op: string; word: ShellWord };
/** A simple command: its words (the command name first) and redirections. */
export type ShellCommand = { args: ShellWord[]; redirects: ShellRedirect[] };

const REDIRECT_OPS = ["&>>", "&>", "<<<", "<<-", ">>", ">|", ">&", "<<", "<>", "<&", ">", "<"];
const SEPARATORS = ["&&", "||", ";;", ";", "&", "|", "(", ")", "\n"];
/** Words that open or close a compound command; the command that follows them is still read. */
const KEYWORDS = new Set(["if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "time", "esac"]);
/** Clauses whose words are not a command's arguments (`for x in a b`, `[[ -f a ]]`, `export A=b`). */
const NOT_CALLS = new Set(["for", "select", "case", "[[", "declare", "local", "export", "readonly", "typeset", "let", "function"]);

class Reader {
  private i = 0;
  readonly commands: ShellCommand[] = [];
  private args: ShellWord[] = [];
  private redirects: ShellRedirect[] = [];
  private heredocs: { delimiter: string; tabs: boolean }[] = [];
  /** The commands substituted inside the command being read: they follow it, as a tree walk visits them. */
  private inner: ShellCommand[] = [];

  constructor(private readonly src: string) {}

  /** Reads the whole line; false on an unclosed quote, substitution or heredoc. */
  read(): boolean {
    const s = this.src;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === " " || c === "\t") { this.i++; continue; }
      if (c === "\\" && s[this.i + 1] === "\n") { this.i += 2; continue; }
      if (c === "#") { while (this.i < s.length && s[this.i] !== "\n") this.i++; continue; }
      const sep = SEPARATORS.find((t) => s.startsWith(t, this.i) && !(t === "&" && s[this.i + 1] === ">"));
      if (sep) {
        this.i += sep.length;
        this.end();
        if (sep === "\n" && !this.skipHeredocs()) return false;
        continue;
      }
      const op = this.redirectOp();
      if (op) {
        while (s[this.i] === " " || s[this.i] === "\t") this.i++;
        const word = this.word();
        if (!word) return false;
        if (op === "<<" || op === "<<-") this.heredocs.push({ delimiter: word.text, tabs: op === "<<-" });
        this.redirects.push({ op, word });
        continue;
      }
      const word = this.word();
      if (!word) return false;
      this.args.push(word);
    }
    this.end();
    return this.heredocs.length === 0;
  }

  /** A redirection operator at the cursor (an fd number before it is dropped), else undefined. */
  private redirectOp(): string | undefined {
    const s = this.src;
    let j = this.i;
    while (j < s.length && s[j]! >= "0" && s[j]! <= "9") j++;
    const op = REDIRECT_OPS.find((t) => s.startsWith(t, j) && (j === this.i || t[0] !== "&"));
    if (!op) return undefined;
    this.i = j + op.length;
    return op;
  }

  /** One word from the cursor; undefined when a quote or substitution is never closed. */
  private word(): ShellWord | undefined {
    const s = this.src;
    let text = "";
    let isStatic = true;
    const start = this.i;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (" \t\n;&|()<>".includes(c)) break;
      if (c === "\\") { text += s[this.i + 1] ?? ""; this.i += 2; continue; }
      if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        if (end < 0) return undefined;
        text += s.slice(this.i + 1, end);
        this.i = end + 1;
        continue;
      }
      if (c === '"') {
        const inner = this.doubleQuoted();
        if (!inner) return undefined;
        text += inner.text;
        isStatic &&= inner.static;
        continue;
      }
      if (c === "$" || c === "`") {
        if (!this.expansion()) return undefined;
        isStatic = false;
        continue;
      }
      text += c;
      this.i++;
    }
    // A character no word starts with (`>(`'s paren): taken alone, so reading always moves on.
    if (this.i === start) return { text: s[this.i++] ?? "", static: false };
    return { text, static: isStatic };
  }

  /** A double-quoted part from its opening quote: `\` escapes, `$` and backquotes expand. */
  private doubleQuoted(): ShellWord | undefined {
    const s = this.src;
    let text = "";
    let isStatic = true;
    this.i++;
    while (this.i < s.length && s[this.i] !== '"') {
      const c = s[this.i]!;
      if (c === "\\" && '"\\$`\n'.includes(s[this.i + 1] ?? "")) { text += s[this.i + 1]; this.i += 2; continue; }
      if (c === "$" || c === "`") {
        if (!this.expansion()) return undefined;
        isStatic = false;
        continue;
      }
      text += c;
      this.i++;
    }
    if (this.i >= s.length) return undefined;
    this.i++;
    return { text, static: isStatic };
  }

  /** Skips `$name`, `${...}`, `$((...))`; reads `$(...)` and backquotes as commands. False when unclosed. */
  private expansion(): boolean {
    const s = this.src;
    if (s[this.i] === "`") {
      const end = s.indexOf("`", this.i + 1);
      if (end < 0) return false;
      this.nested(s.slice(this.i + 1, end));
      this.i = end + 1;
      return true;
    }
    const next = s[this.i + 1];
    if (next === "(" || next === "{") {
      const close = next === "(" ? ")" : "}";
      let depth = 0;
      for (let j = this.i + 1; j < s.length; j++) {
        if (s[j] === next) depth++;
        else if (s[j] === close && --depth === 0) {
          if (next === "(" && s[this.i + 2] !== "(") this.nested(s.slice(this.i + 2, j));
          this.i = j + 1;
          return true;
        }
      }
      return false;
    }
    this.i++;
    while (this.i < s.length && /[A-Za-z0-9_@*#?$!-]/.test(s[this.i]!)) {
      const special = !/[A-Za-z0-9_]/.test(s[this.i]!);
      this.i++;
      if (special) break;
    }
    return true;
  }

  /** A command substitution's commands join this line's, after the command they are in. */
  private nested(src: string): void {
    const inner = new Reader(src);
    if (inner.read()) this.inner.push(...inner.commands);
  }

  /** Skips the bodies of the heredocs opened on the line just ended; false when one never closes. */
  private skipHeredocs(): boolean {
    const s = this.src;
    while (this.heredocs.length > 0) {
      const doc = this.heredocs[0]!;
      const eol = s.indexOf("\n", this.i);
      const line = s.slice(this.i, eol < 0 ? s.length : eol);
      this.i = eol < 0 ? s.length : eol + 1;
      if ((doc.tabs ? line.replace(/^\t+/, "") : line) === doc.delimiter) this.heredocs.shift();
      else if (eol < 0) return false;
    }
    return true;
  }

  /** Ends the simple command being read: keywords and leading assignments are not its words. */
  private end(): void {
    let args = this.args;
    while (args[0]?.static && KEYWORDS.has(args[0].text)) args = args.slice(1);
    while (args[0] && /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(args[0].text)) args = args.slice(1);
    if (args[0]?.static && NOT_CALLS.has(args[0].text)) args = [];
    if (args.length > 0 || this.redirects.length > 0) this.commands.push({ args, redirects: this.redirects });
    this.commands.push(...this.inner);
    this.inner = [];
    this.args = [];
    this.redirects = [];
  }
}

/** The simple commands of `command`, or undefined when it does not parse (an unclosed quote...). */
export function parseShellCommands(command: string): ShellCommand[] | undefined {
  const reader = new Reader(command);
  return reader.read() ? reader.commands : undefined;
}
