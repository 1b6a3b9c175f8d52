// Fetched HTML as the model reads it: one parse (domino), scripts and styles dropped, then either
// markdown (turndown) or plain text with a line break after each block element. Both libraries load
// on the first fetch of an HTML page, never at start-up.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Elements whose content is never text a reader sees. */
const DROPPED = "script, style, noscript, template, iframe, object, embed, svg, canvas";

/** Block elements: plain text ends a line after each. */
const BLOCKS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BR", "DD", "DIV", "DL", "DT", "FIELDSET", "FIGCAPTION", "FIGURE",
  "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE",
  "SECTION", "TABLE", "TR", "UL",
]);

type DomNode = { nodeType: number; nodeName: string; nodeValue: string | null; childNodes: ArrayLike<DomNode> };
type DomDocument = { title: string; body: DomNode; querySelectorAll(sel: string): ArrayLike<{ remove(): void }> };

/** A parsed page: its title and body with the never-shown elements removed. */
export type ParsedPage = { title: string; body: DomNode };

/** Parses HTML and drops scripts, styles and embedded objects. */
export function parsePage(html: string): ParsedPage {
  const domino = require("@mixmark-io/domino") as { createDocument(html: string): DomDocument };
  const doc = domino.createDocument(html);
  for (const node of Array.from(doc.querySelectorAll(DROPPED))) node.remove();
  return { title: doc.title.trim(), body: doc.body };
}

/** The page as markdown: ATX headings, fenced code, `-` bullets. */
export function pageToMarkdown(page: ParsedPage): string {
  const TurndownService = require("turndown") as new (opts: Record<string, string>) => { turndown(node: unknown): string };
  const service = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-" });
  return service.turndown(page.body).trim();
}

/** The page as plain text: blank space folded, one line per block element, no blank lines. */
export function pageToText(page: ParsedPage): string {
  const parts: string[] = [];
  const walk = (node: DomNode, inPre: boolean): void => {
    if (node.nodeType === 3) {
      parts.push(inPre ? node.nodeValue ?? "" : (node.nodeValue ?? "").replace(/\s+/g, " "));
      return;
    }
    const pre = inPre || node.nodeName === "PRE";
    for (const child of Array.from(node.childNodes)) walk(child, pre);
    if (BLOCKS.has(node.nodeName)) parts.push("\n");
  };
  walk(page.body, false);
  return parts.join("")
    .split("\n")
    .map((line) => line.trimEnd().replace(/^ +/, ""))
    .join("\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}
