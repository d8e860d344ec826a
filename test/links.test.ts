import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { PROJECT } from "./support/repo.js";

/** The Markdown a new user reads: the README, the changelog and docs/. */
const FILES = [
  "README.md",
  "CHANGELOG.md",
  ...readdirSync(path.join(PROJECT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

interface Node {
  type: string;
  url?: string;
  depth?: number;
  value?: string;
  children?: Node[];
  position?: { start: { line: number } };
}
const parse = (file: string) => fromMarkdown(readFileSync(path.join(PROJECT, file), "utf8"), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as Node;

function walk(n: Node, visit: (n: Node) => void): void {
  visit(n);
  for (const c of n.children ?? []) walk(c, visit);
}
const text = (n: Node): string => (n.value ?? "") + (n.children ?? []).map(text).join("");

/** The anchors GitHub gives a file's headings (and its explicit <a id>s): lowercase, punctuation dropped, spaces as dashes, repeats numbered. */
const cache = new Map<string, Set<string>>();
function anchors(file: string): Set<string> {
  const cached = cache.get(file);
  if (cached) return cached;
  const out = new Set<string>();
  cache.set(file, out);
  const seen = new Map<string, number>();
  walk(parse(file), (n) => {
    // An explicit anchor: <a id="..."></a>.
    if (n.type === "html") for (const m of (n.value ?? "").matchAll(/\bid="([^"]+)"/g)) out.add(m[1]!);
    if (n.type !== "heading") return;
    const slug = text(n)
      .toLowerCase()
      .trim()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const k = seen.get(slug) ?? 0;
    seen.set(slug, k + 1);
    out.add(k === 0 ? slug : `${slug}-${k}`);
  });
  return out;
}

describe("links in the README and docs/", () => {
  it.each(FILES)("%s: every relative link names a file that exists, and every #anchor a heading", (file) => {
    const broken: string[] = [];
    walk(parse(file), (n) => {
      if ((n.type !== "link" && n.type !== "definition") || !n.url || /^[a-z][a-z0-9+.-]*:/i.test(n.url)) return;
      const [target, anchor] = n.url.split("#") as [string, string | undefined];
      const resolved = target === "" ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(target)));
      const where = `line ${n.position?.start.line}: ${n.url}`;
      if (!existsSync(path.join(PROJECT, resolved))) return void broken.push(`${where} (no ${resolved})`);
      if (anchor && resolved.endsWith(".md") && statSync(path.join(PROJECT, resolved)).isFile() && !anchors(resolved).has(anchor)) broken.push(`${where} (no heading #${anchor} in ${resolved})`);
    });
    expect(broken).toEqual([]);
  });
});
