// The project tree of the '@' completion bench (bench/suites/file-completion.mjs): 20,000 listed
// paths (packages of deep feature folders, up to 9 levels) plus what .gitignore files hide
// (node_modules, dist, *.log, a nested generated/ folder). Deterministic: the same tree each run.
import fs from "node:fs";
import path from "node:path";

/** Paths a walk lists (files and folders, as the completion index counts them). */
export const LISTED = 20_000;

/** Writes the project under dir; returns how many paths a walk should list (files and folders)
 *  and how many files .gitignore rules hide. */
export function buildTree(dir) {
  let hidden = 0;
  const write = (rel, text = "x\n") => {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  };
  fs.mkdirSync(path.join(dir, ".git"), { recursive: true });
  write(".git/HEAD", "ref: refs/heads/main\n");
  write(".gitignore", "node_modules/\ndist/\n*.log\ncoverage/\n");
  // Hidden by the root .gitignore: what a JS project carries around.
  for (let i = 0; i < 4000; i++, hidden++) write(`node_modules/dep-${i % 200}/lib/sub-${i % 7}/mod-${i}.js`);
  for (let i = 0; i < 1000; i++, hidden++) write(`dist/chunk-${i % 50}/out-${i}.js`);
  write("packages/pkg-03/.gitignore", "generated/\n");
  for (let i = 0; i < 500; i++, hidden++) write(`packages/pkg-03/generated/g-${i % 20}/gen-${i}.ts`);
  // Listed: files and their folders until LISTED paths (folders count once each).
  const listed = new Set([".gitignore", "packages/", "packages/pkg-03/", "packages/pkg-03/.gitignore"]);
  const kinds = ["button", "dialog", "parser", "router", "store", "widget", "layout", "theme", "session", "cache"];
  const exts = [".ts", ".tsx", ".test.ts", ".md", ".json"];
  for (let i = 0; listed.size < LISTED; i++) {
    const pkg = `packages/pkg-${String(i % 24).padStart(2, "0")}`;
    const depth = 2 + (i % 7);
    const segs = [pkg, "src"];
    for (let d = 0; d < depth; d++) segs.push(`${kinds[(i * 3 + d * 5) % kinds.length]}-${(i >> d) % 4}`);
    const name = `${kinds[i % kinds.length]}-${i}${exts[i % exts.length]}`;
    const dirs = segs.map((_, k) => `${segs.slice(0, k + 1).join("/")}/`);
    const fresh = dirs.filter((d) => !listed.has(d)).length + 1;
    if (listed.size + fresh > LISTED) break;
    write(`${segs.join("/")}/${name}`);
    for (const d of dirs) listed.add(d);
    listed.add(`${segs.join("/")}/${name}`);
    if (i % 9 === 0) {
      write(`${segs.join("/")}/trace-${i}.log`); // hidden by *.log
      hidden++;
    }
  }
  return { listed: listed.size, hidden };
}

