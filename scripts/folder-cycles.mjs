// Fails when folders of src/ import each other in a cycle, at any depth, type-only imports included:
// for each import between two files, the two siblings under their deepest common folder (folders, or a
// file beside a folder) get an edge; any cycle among siblings is printed. Part of `npm run lint`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(process.argv[2] ?? "src");

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.(ts|js|mjs)$/.test(e.name) && !/\.d\.ts$/.test(e.name) && !e.name.includes(".generated.") ? [p] : [];
  });
}

/** Every relative import of a file (static, type-only, re-exports, dynamic), as a path under ROOT. */
function importsOf(file) {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return info.importedFiles
    .map((i) => i.fileName)
    .filter((s) => s.startsWith("."))
    .map((s) => path.resolve(path.dirname(file), s.replace(/\.js$/, ".ts")))
    .filter((p) => p.startsWith(ROOT + path.sep));
}

/** The edges between siblings: "a/b" -> "a/c" for an import from a/b/... to a/c/... */
export function siblingEdges(root = ROOT) {
  const edges = new Map();
  for (const from of files(root)) {
    for (const to of importsOf(from)) {
      const a = path.relative(root, from).split(path.sep);
      const b = path.relative(root, to).split(path.sep);
      let i = 0;
      while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
      if (a[i] === b[i]) continue; // the same file
      const x = a.slice(0, i + 1).join("/");
      const y = b.slice(0, i + 1).join("/");
      if (!edges.has(x)) edges.set(x, new Map());
      const why = edges.get(x);
      if (!why.has(y)) why.set(y, `${a.join("/")} -> ${b.join("/")}`);
    }
  }
  return edges;
}

/** Cycles found by a depth-first search (those through at least one folder), as one import per step. */
export function cycles(edges, isFolder = (node) => !/\.(ts|js|mjs)$/.test(node)) {
  const out = [];
  const state = new Map();
  const stack = [];
  const visit = (n) => {
    state.set(n, "open");
    stack.push(n);
    for (const m of edges.get(n)?.keys() ?? []) {
      if (state.get(m) === "open") {
        const loop = stack.slice(stack.indexOf(m));
        // Files importing each other within one folder are a module cycle, not a folder cycle.
        if (loop.some((k) => isFolder(k))) out.push(loop.map((k, j) => edges.get(k).get(loop[j + 1] ?? m)));
      } else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, "done");
  };
  for (const n of [...edges.keys()].sort()) if (!state.has(n)) visit(n);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = cycles(siblingEdges());
  if (found.length === 0) {
    console.log(`no folder cycles in ${path.relative(process.cwd(), ROOT) || "."}/`);
  } else {
    for (const c of found) console.error(`folder cycle:\n  ${c.join("\n  ")}`);
    process.exitCode = 1;
  }
}
