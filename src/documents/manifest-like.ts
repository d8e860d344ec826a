/**
 * Which YAML files are manifests: the one rule the CLI's discovery and the Action's selection share.
 * Skipping a manifest lets it through unjudged, so anything that looks like a Blastgate document is
 * taken as a manifest, and loading then judges it or refuses it with file:line (`kind: operation` is
 * "not a Blastgate document kind" at its line; a Blastgate Catalog, Policy or Waiver outside the policies
 * directory is "only read from the policies directory"). Other documents of those kinds (a Kyverno
 * Policy) are not Blastgate's, nor are the Catalog, Policy, Waiver and PolicyTest files an installed
 * package keeps under node_modules/ (an Operation there is judged like any other). Pure: parsed values in, a decision out.
 */
import { DEFAULT_LIMITS } from "./limits.js";
import { parseYaml } from "./yaml.js";

/** `.yaml` or `.yml`, in any letter case (`.YAML` is as much a YAML file to the executor). */
export const YAML_FILE = /\.ya?ml$/i;

/** A cheap test before parsing: a manifest declares `kind: Operation` at the start of a line. */
export const LOOKS_LIKE_MANIFEST = /^kind:[ \t]*["']?Operation["']?[ \t]*(#.*)?$/m;

const KINDS = ["Operation", "Catalog", "Policy", "Waiver"] as const;
/** The kinds of the policies directory's documents. */
export const POLICY_KINDS: readonly string[] = ["Catalog", "Policy", "Waiver", "PolicyTest"];
const letters = (s: string) => s.toLowerCase().replace(/[^a-z]/g, "");

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), for spelling variants. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** `operation`, `OPERATION`, `"Operation "`, `Operaton`, `Op-eration`: a case, spacing or spelling variant of the word. */
function variantOf(value: string, word: string): boolean {
  const v = letters(value);
  const w = word.toLowerCase();
  if (v === w) return true;
  return v.length >= 3 && distance(v, w) <= (w.length <= 6 ? 1 : 2);
}

/**
 * What one parsed YAML document is to Blastgate: "manifest" (judge it), "other" (a correctly written
 * Catalog, Policy or Waiver) or undefined (not Blastgate's).
 */
export function classifyDocument(value: unknown): "manifest" | "other" | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const doc = value as Record<string, unknown>;
  if (doc.kind === "Operation") return "manifest";
  // Another kind written exactly. A Blastgate one (its apiVersion says so, or it has an Operation's shape) is
  // a manifest here, so loading refuses it at its line: outside the policies directory a Catalog, Policy or
  // Waiver is never read, and saying nothing would let a reviewer believe it applies. Anything else (a
  // Kyverno `Policy`) is not Blastgate's.
  if (typeof doc.kind === "string" && (KINDS as readonly string[]).includes(doc.kind)) {
    return (typeof doc.apiVersion === "string" && /blastgate\.dev/i.test(doc.apiVersion)) || isOperationShape(doc.spec) ? "manifest" : "other";
  }
  for (const [key, v] of Object.entries(doc)) {
    if (typeof v !== "string") continue;
    // apiVersion: blastgate.dev/... in any spelling of the key or the value.
    if (/blastgate\.dev/i.test(v)) return "manifest";
    // kind: operation / kinds: Operation / Kind: "Policy ".
    if (variantOf(key, "kind") && KINDS.some((k) => variantOf(v, k))) return "manifest";
  }
  // An Operation's shape without its kind: what it does and to what.
  if (isOperationShape(doc.spec)) return "manifest";
  return undefined;
}

/** A spec with what an Operation does and to what (`spec.action` and `spec.target`). */
export function isOperationShape(spec: unknown): boolean {
  return spec !== null && typeof spec === "object" && !Array.isArray(spec) && "action" in spec && "target" in spec;
}

/**
 * Whether YAML text is a manifest: the quick test, then a parse, since a manifest written so the quick
 * test misses it (flow or JSON style, an escape, a second document, a misspelt kind) must not go
 * unjudged. Text that does not parse is a manifest if it mentions Operation or Blastgate: loading says why.
 */
export function isManifestText(file: string, text: string): boolean {
  if (LOOKS_LIKE_MANIFEST.test(text)) return true;
  const parsed = parseYaml(file, text, DEFAULT_LIMITS);
  if (parsed.problems.length > 0) return /operation|blastgate/i.test(text);
  const vendored = inNodeModules(file);
  return parsed.documents.some((d) => classifyDocument(d.value) === "manifest" && !(vendored && isPackagePolicyFile(d.value)));
}

/** A path under a `node_modules/` directory, at any depth: an installed package's file. */
export function inNodeModules(file: string): boolean {
  return /(^|\/)node_modules\//i.test(file);
}

/**
 * A Catalog, Policy, Waiver or PolicyTest written exactly (not an Operation's shape). Under node_modules/
 * such a document is an installed package's own (Blastgate ships its starter policies): not this
 * repository's policy, so neither read nor refused. An Operation there is still judged.
 */
function isPackagePolicyFile(value: unknown): boolean {
  const doc = value as Record<string, unknown>;
  return typeof doc.kind === "string" && POLICY_KINDS.includes(doc.kind) && !isOperationShape(doc.spec);
}
