import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// architecture.md: imports run one way only, `layout <- engine/kernel <- engine (the assistant)
// <- ui, lua <- bin`. The kernel is a layer of its own: it imports nothing of the assistant.
const ROOT = join(import.meta.dirname, "..", "..");
const ALLOWED: Record<string, string[]> = {
  layout: ["layout"],
  "engine/kernel": ["engine/kernel", "layout"],
  engine: ["engine", "layout"],
  ui: ["ui", "engine", "layout"],
  lua: ["lua", "engine", "layout", "ui/text-helpers", "ui/text-measure"],
  bin: ["bin", "engine", "layout", "ui", "lua"],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

function violations(layer: string): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(join(ROOT, layer))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from|import\()\s*["'](\.[^"']+)["']/g)) {
      const target = relative(ROOT, join(file, "..", m[1])).replace(/\.js$/, "");
      const ok = ALLOWED[layer].some((a) => target === a || target.startsWith(`${a}/`));
      if (!ok) out.push(`${relative(ROOT, file)} imports ${target}`);
    }
  }
  return out;
}

/** Every relative import edge between source files, as repo-relative paths without extension. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const layer of ["layout", "engine", "ui", "lua", "bin"]) {
    for (const file of sourceFiles(join(ROOT, layer))) {
      const from = relative(ROOT, file).replace(/\.ts$/, "");
      const text = readFileSync(file, "utf8");
      const targets = [...text.matchAll(/(?:from|import\()\s*["'](\.[^"']+)["']/g)]
        .map((m) => relative(ROOT, join(file, "..", m[1])).replace(/\.js$/, ""));
      graph.set(from, targets);
    }
  }
  return graph;
}

/** The first import cycle found by depth-first search, as a path `a -> b -> a`, or null. */
function findCycle(graph: Map<string, string[]>): string | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string | null => {
    if (state.get(node) === "done") return null;
    if (state.get(node) === "open") return [...stack.slice(stack.indexOf(node)), node].join(" -> ");
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe("layer imports run one way", () => {
  for (const layer of Object.keys(ALLOWED)) {
    it(`${layer}/ imports only ${ALLOWED[layer].join(", ")}`, () => {
      expect(violations(layer)).toEqual([]);
    });
  }

  it("no import cycle exists, type-only imports included", () => {
    expect(findCycle(importGraph())).toBeNull();
  });

  it("layout/ imports no package but yoga-layout", () => {
    const pkgs = sourceFiles(join(ROOT, "layout")).flatMap((f) =>
      [...readFileSync(f, "utf8").matchAll(/from\s*["']([^."'][^"']*)["']/g)].map((m) => m[1]));
    expect([...new Set(pkgs)].filter((p) => p !== "yoga-layout")).toEqual([]);
  });

  it("engine/ never writes to the terminal", () => {
    const writers = sourceFiles(join(ROOT, "engine"))
      .filter((f) => /process\.stdout\.write|process\.stderr\.write|console\.log/.test(readFileSync(f, "utf8")))
      .map((f) => relative(ROOT, f));
    expect(writers).toEqual([]);
  });
});
