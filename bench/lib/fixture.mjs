// The chat every framework shows: a deterministic transcript of mixed markdown (paragraphs with
// emphasis and inline code, lists, fenced code, headings, quotes, tables), the text a streaming
// assistant message grows by, and the screen size. Deterministic so runs compare.

/** The screen every benchmark renders. */
export const WIDTH = 120;
export const HEIGHT = 40;

const PARAGRAPHS = [
  "The **frame scheduler** coalesces requests, so a burst of deltas costs *one* frame per tick; see `ui/frame-scheduler.ts` for the cap.",
  "Rendering is bounded by what is visible: a transcript of any length repaints only the rows that changed, then the diff writes the cells.",
  "You can run `npm run bench` to reproduce these numbers; results vary with the machine, so compare ratios rather than absolute times.",
  "A *theme* maps tokens such as `accent` or `mdHeading` to colours, and **NO_COLOR** turns every colour into the terminal default.",
];
const LISTS = [
  "- parse the markdown once per revision\n- wrap the spans at the window width\n- paint the visible rows into the back grid",
  "1. open a transaction\n2. dispatch the key to keymaps and handlers\n3. commit and mark the touched windows dirty",
];
const CODES = [
  "```ts\nexport function add(a: number, b: number): number {\n  return a + b; // plain arithmetic\n}\n```",
  "```sh\nnpm ci && npm run build\nnode bin/librecode --no-extensions\n```",
];
const EXTRAS = [
  "## Summary of the change",
  "> Quoted context from an earlier message, kept short so it wraps once or twice at most on a wide screen.",
  "| file | lines | owner |\n| --- | --- | --- |\n| ui/screen.ts | 117 | terminal |\n| engine/runtime.ts | 347 | kernel |",
];
const USER = [
  "Can you explain how the renderer decides which rows to repaint?",
  "Please refactor `parseArgs` so it returns a record instead of mutating the options object.",
  "Why does the status line flicker when the model streams quickly?",
];

/** Message i of the transcript (user and assistant alternate; assistant ones mix markdown). */
export function message(i) {
  if (i % 2 === 0) return { role: "user", text: USER[(i / 2) % USER.length] };
  const k = (i - 1) / 2;
  const parts = [PARAGRAPHS[k % PARAGRAPHS.length]];
  if (k % 3 === 0) parts.push(LISTS[k % LISTS.length]);
  if (k % 4 === 1) parts.push(CODES[k % CODES.length]);
  if (k % 5 === 2) parts.unshift(EXTRAS[k % EXTRAS.length]);
  parts.push(PARAGRAPHS[(k + 1) % PARAGRAPHS.length]);
  return { role: "assistant", text: parts.join("\n\n") };
}

/** The first n messages. */
export function transcript(n) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = message(i);
  return out;
}

/** What the streaming assistant message starts with before the measured characters arrive. */
export const STREAM_START = "Here is what I found after reading the code:\n\n- the diff is computed per frame\n- styles are interned\n\nThe ";

/** The characters streamed one at a time (prose that wraps, as a model's answer does). */
export const STREAM_TEXT = "renderer walks the visible rows of each window and paints them into the back grid, then the screen diffs it against the front grid and writes only the changed cells with the fewest cursor moves it can. ".repeat(8);

/** What the composer holds before the measured keystrokes. */
export const COMPOSER_START = "Please look at the ";
