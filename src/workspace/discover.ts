import { minimatch } from "minimatch";
import { DEFAULT_LIMITS } from "../documents/limits.js";
import type { Problem } from "../documents/problem.js";
import { parseYaml } from "../documents/yaml.js";
import { checkRelative, type FileSource } from "./files.js";

const YAML_FILE = /\.ya?ml$/i;
/** A cheap test before parsing: a manifest declares `kind: Operation` at the start of a line. */
export const LOOKS_LIKE_MANIFEST = /^kind:[ \t]*["']?Operation["']?[ \t]*(#.*)?$/m;
const GLOB_CHARS = /[*?[\]{}!]/;

/**
 * Whether YAML text declares an Operation: the quick test, then a parse, since a manifest written so the
 * quick test misses it (`"kind": "Operation"`, flow or JSON style, an escape, a second document) must not
 * go unjudged. Text that does not parse is a manifest if it mentions Operation: loading reports why.
 */
export function declaresOperation(file: string, text: string): boolean {
  if (LOOKS_LIKE_MANIFEST.test(text)) return true;
  const parsed = parseYaml(file, text, DEFAULT_LIMITS);
  if (parsed.problems.length > 0) return /Operation/.test(text);
  return parsed.documents.some((d) => (d.value as { kind?: unknown } | null)?.kind === "Operation");
}

/**
 * The manifest files to judge. Named files are taken as they are (a missing one is a problem);
 * globs select among the repository's files; with neither, every YAML file outside the policies
 * directory that declares `kind: Operation`.
 */
export async function discoverManifests(source: FileSource, patterns: string[], policiesDir: string, problems: Problem[], maxBytes: number): Promise<string[]> {
  const found = new Set<string>();
  let all: string[] | undefined;
  const everything = async () => (all ??= await source.list(""));
  const policyPrefix = policiesDir.replace(/\/+$/, "") + "/";
  const isManifest = async (f: string) => {
    try {
      return declaresOperation(f, await source.readText(f, maxBytes));
    } catch {
      return true; // let loading report why it cannot be read
    }
  };
  if (patterns.length === 0) {
    for (const f of await everything()) {
      if (YAML_FILE.test(f) && !f.startsWith(policyPrefix) && (await isManifest(f))) found.add(f);
    }
    return [...found];
  }
  for (const raw of patterns) {
    const p = raw.replace(/\\/g, "/").replace(/^\.\//, "");
    if (GLOB_CHARS.test(p)) {
      const matched = (await everything()).filter((f) => minimatch(f, p, { dot: true }) && YAML_FILE.test(f) && !f.startsWith(policyPrefix));
      const manifests: string[] = [];
      for (const f of matched) if (await isManifest(f)) manifests.push(f);
      if (manifests.length === 0) problems.push({ code: "usage", message: `the glob '${raw}' matches no manifest`, location: { file: raw, line: 1, column: 1 } });
      manifests.forEach((f) => found.add(f));
    } else if (await source.exists(p)) {
      found.add(p);
    } else {
      const outside = checkRelative(p);
      problems.push({ code: "file", message: `${raw} ${outside ?? "does not exist"}`, location: { file: raw, line: 1, column: 1 } });
    }
  }
  return [...found];
}
