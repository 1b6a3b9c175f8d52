import { describe, expect, it } from "vitest";
import * as edit from "../../engine/chat/text-edit.js";
import { TextLines } from "../../engine/kernel/text-lines.js";
import { PromptHistory } from "../../engine/chat/prompt-history.js";

// Each editing function returns an edit; these wrappers apply it, so cases read as text before and after.
type Plain = { text: string; cursor: number };
function on<A extends unknown[]>(f: (st: edit.TextState, ...a: A) => edit.TextEdit | null) {
  return (st: Plain, ...a: A): Plain | null => {
    const e = f({ lines: new TextLines(st.text), cursor: st.cursor }, ...a);
    return e === null ? null : edit.applyEdit(st.text, e);
  };
}
const [insertText, deleteBackward, deleteForward, deleteWordBackward, deleteWordForward] =
  [on(edit.insertText), on(edit.deleteBackward), on(edit.deleteForward), on(edit.deleteWordBackward), on(edit.deleteWordForward)];
const [killToLineEnd, killToLineStart, lineEnd, lineStart, moveLine, wordLeft, wordRight] =
  [on(edit.killToLineEnd), on(edit.killToLineStart), on(edit.lineEnd), on(edit.lineStart), on(edit.moveLine), on(edit.wordLeft), on(edit.wordRight)];

describe("composer text editing", () => {
  it("inserts at the cursor and leaves the cursor after the text", () => {
    expect(insertText({ text: "hd", cursor: 1 }, "ello worl")).toEqual({ text: "hello world", cursor: 10 });
  });
  it("counts positions in code points, not UTF-16 units", () => {
    expect(insertText({ text: "😀x", cursor: 1 }, "語")).toEqual({ text: "😀語x", cursor: 2 });
    expect(deleteBackward({ text: "a😀b", cursor: 2 })).toEqual({ text: "ab", cursor: 1 });
  });
  it("backspace at the start and delete at the end change nothing", () => {
    expect(deleteBackward({ text: "ab", cursor: 0 })).toEqual({ text: "ab", cursor: 0 });
    expect(deleteForward({ text: "ab", cursor: 2 })).toEqual({ text: "ab", cursor: 2 });
  });
  it("moves by words over punctuation", () => {
    expect(wordLeft({ text: "foo.bar  baz", cursor: 12 })).toEqual({ text: "foo.bar  baz", cursor: 9 });
    expect(wordLeft({ text: "foo.bar  baz", cursor: 9 })?.cursor).toBe(4);
    expect(wordRight({ text: "foo.bar  baz", cursor: 0 })?.cursor).toBe(3);
    expect(wordRight({ text: "foo.bar  baz", cursor: 3 })?.cursor).toBe(7);
  });
  it("deletes the word before and after the cursor", () => {
    expect(deleteWordBackward({ text: "git commit -m", cursor: 10 })).toEqual({ text: "git  -m", cursor: 4 });
    expect(deleteWordForward({ text: "git commit -m", cursor: 3 })).toEqual({ text: "git -m", cursor: 3 });
  });
  it("home and end work on the cursor's line", () => {
    const st = { text: "one\ntwo three\nfour", cursor: 7 };
    expect(lineStart(st)?.cursor).toBe(4);
    expect(lineEnd(st)?.cursor).toBe(13);
  });
  it("kills to the start and end of the line", () => {
    expect(killToLineStart({ text: "ab\ncdef", cursor: 5 })).toEqual({ text: "ab\nef", cursor: 3 });
    expect(killToLineEnd({ text: "ab\ncdef\ng", cursor: 4 })).toEqual({ text: "ab\nc\ng", cursor: 4 });
  });
  it("kill at a line boundary joins the lines", () => {
    expect(killToLineStart({ text: "ab\ncd", cursor: 3 })).toEqual({ text: "abcd", cursor: 2 });
    expect(killToLineEnd({ text: "ab\ncd", cursor: 2 })).toEqual({ text: "abcd", cursor: 2 });
  });
  it("moves between lines keeping the column, clamped to short lines", () => {
    expect(moveLine({ text: "abcdef\nxy\nlonger", cursor: 5 }, 1)).toEqual({ text: "abcdef\nxy\nlonger", cursor: 9 });
    expect(moveLine({ text: "abcdef\nxy\nlonger", cursor: 15 }, -1)?.cursor).toBe(9);
  });
  it("reports no line above the first or below the last", () => {
    expect(moveLine({ text: "one\ntwo", cursor: 1 }, -1)).toBeNull();
    expect(moveLine({ text: "one\ntwo", cursor: 5 }, 1)).toBeNull();
  });
});

describe("prompt history", () => {
  it("steps back through entries and forward to the kept draft", () => {
    const h = new PromptHistory();
    h.push("first");
    h.push("second");
    expect(h.prev("draft")).toBe("second");
    expect(h.prev("second")).toBe("first");
    expect(h.prev("first")).toBeNull();
    expect(h.next()).toBe("second");
    expect(h.next()).toBe("draft");
    expect(h.next()).toBeNull();
  });
  it("collapses consecutive duplicates and ignores blank prompts", () => {
    const h = new PromptHistory();
    h.push("a");
    h.push("a");
    h.push("   ");
    expect(h.list()).toEqual(["a"]);
  });
  it("never keeps a /login line, which carries an API key", () => {
    const h = new PromptHistory();
    h.push("/login openai sk-test-123");
    h.load(["/login anthropic sk-ant-1", "hello"]);
    h.push("/login openai sk-test-456");
    expect(h.list()).toEqual(["hello"]);
  });
});

describe("composer edits on lines", () => {
  it("moves by words across a line break", () => {
    expect(wordLeft({ text: "foo bar\n  baz", cursor: 10 })?.cursor).toBe(4);
    expect(wordRight({ text: "foo\n\n  bar baz", cursor: 3 })?.cursor).toBe(10);
  });
  it("describes backspace as the removal of one code point, touching no other line", () => {
    const lines = new TextLines("first\nsecond\nthird");
    const before = lines.all().slice();
    const e = edit.deleteBackward({ lines, cursor: 9 });
    expect(e).toEqual({ start: 8, end: 9, text: "", cursor: 8 });
    lines.splice(e.start, e.end, e.text);
    expect(lines.all()).toEqual(["first", "seond", "third"]);
    expect([lines.all()[0] === before[0], lines.all()[2] === before[2]]).toEqual([true, true]);
  });
});
