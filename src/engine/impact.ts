import { problemCount, type Problem } from "../documents/problem.js";
import type { SourceLocation } from "../documents/source.js";
import { statusOf } from "../governance/judge.js";
import type { FindingStatus } from "../rules/status.js";
import type { Finding } from "../rules/types.js";
import type { Verdict } from "./evaluate.js";

/**
 * Policy-change impact: every manifest judged twice, under the policies before a change and after it,
 * and the manifests whose verdict or findings differ. Pure: the two judgements in, the differences out.
 */

/** One side's judgement of the same manifests: its findings and problems, and the files each manifest reads. */
export interface ImpactSide {
  /** Where the policies came from ("base commit 1a2b3c4", "the working tree"). */
  label: string;
  findings: readonly Finding[];
  problems: readonly Problem[];
  /** Per manifest, the files judging it reads besides the manifest itself (its identifier file): problems there are its own. */
  reads: ReadonlyMap<string, readonly string[]>;
}

/** A finding as the impact shows it: what a reviewer needs to tell one from another. */
export interface ImpactFinding {
  ruleId: string;
  messageId: string;
  message: string;
  enforcement: Finding["enforcement"];
  status: FindingStatus;
  location: SourceLocation;
}

export interface ImpactEntry {
  manifest: string;
  before: Verdict;
  after: Verdict;
  /** Findings only the new policies give. */
  added: ImpactFinding[];
  /** Findings only the old policies gave. */
  removed: ImpactFinding[];
}

export interface PolicyImpact {
  /** Where the old and the new policies came from. */
  before: string;
  after: string;
  /** Manifests judged under both; `total` is how many the repository has (more when the comparison was capped). */
  compared: number;
  total: number;
  /** Manifests whose verdict or findings change, by path. */
  changed: ImpactEntry[];
  newlyBlocked: number;
  newlyAllowed: number;
  /** How many change verdict (any verdict to another). */
  verdictChanges: number;
  /** Set when no comparison could be made (a side's policies have problems): why. */
  unavailable?: string;
}

/** The manifests compared when a repository holds more than `cap`: the first by path, so two runs compare the same ones. */
export function impactScope(manifests: readonly string[], cap: number): { compared: string[]; total: number } {
  const sorted = [...new Set(manifests)].sort();
  return { compared: sorted.slice(0, cap), total: sorted.length };
}

/** The manifests whose verdict or findings differ between the two sides, in path order. */
export function compareImpact(manifests: readonly string[], total: number, before: ImpactSide, after: ImpactSide): PolicyImpact {
  const impact: PolicyImpact = { before: before.label, after: after.label, compared: manifests.length, total, changed: [], newlyBlocked: 0, newlyAllowed: 0, verdictChanges: 0 };
  const unavailable = sideProblem(before, manifests) ?? sideProblem(after, manifests);
  if (unavailable !== undefined) return { ...impact, unavailable };
  const old = byManifest(before, manifests);
  const now = byManifest(after, manifests);
  for (const manifest of [...manifests].sort()) {
    const a = old.get(manifest)!;
    const b = now.get(manifest)!;
    const added = difference(b.findings, a.findings);
    const removed = difference(a.findings, b.findings);
    if (a.verdict === b.verdict && added.length === 0 && removed.length === 0) continue;
    impact.changed.push({ manifest, before: a.verdict, after: b.verdict, added, removed });
    if (a.verdict !== b.verdict) impact.verdictChanges++;
    if (a.verdict !== "blocked" && b.verdict === "blocked") impact.newlyBlocked++;
    if (a.verdict !== "allowed" && b.verdict === "allowed") impact.newlyAllowed++;
  }
  return impact;
}

/** A problem tied to no compared manifest (a policy file, the catalog, the inventory): that side judged nothing reliably. */
function sideProblem(side: ImpactSide, manifests: readonly string[]): string | undefined {
  const own = new Set(manifests.flatMap((m) => [m, ...(side.reads.get(m) ?? [])]));
  const elsewhere = side.problems.filter((p) => !own.has(p.location.file));
  // A problem in a file (a policy's YAML error) says more than what follows from it about the directory ("no Policy document").
  const first = elsewhere.find((p) => /\.[a-z0-9]+$/i.test(p.location.file)) ?? elsewhere[0];
  if (!first) return undefined;
  const more = problemCount(elsewhere) - 1;
  return `the policies of ${side.label} cannot judge: ${first.location.file}:${first.location.line}: ${first.message}${more > 0 ? ` (and ${more} more problem${more === 1 ? "" : "s"})` : ""}`;
}

function byManifest(side: ImpactSide, manifests: readonly string[]): Map<string, { verdict: Verdict; findings: ImpactFinding[] }> {
  const out = new Map<string, { verdict: Verdict; findings: ImpactFinding[] }>(manifests.map((m) => [m, { verdict: "allowed", findings: [] }]));
  for (const f of side.findings) {
    const entry = out.get(f.manifest);
    if (!entry) continue;
    const status = statusOf(f);
    entry.findings.push({ ruleId: f.ruleId, messageId: f.messageId, message: f.message, enforcement: f.enforcement, status, location: f.location });
    if (status === "blocking") entry.verdict = "blocked";
  }
  for (const m of manifests) {
    const files = new Set([m, ...(side.reads.get(m) ?? [])]);
    if (side.problems.some((p) => files.has(p.location.file))) out.get(m)!.verdict = "error";
  }
  return out;
}

/**
 * A finding is the same on both sides when its rule, message and place are: the policy line that
 * defines the rule is no part of it, so moving a rule within its file changes nothing.
 */
function key(f: ImpactFinding): string {
  return JSON.stringify([f.ruleId, f.messageId, f.message, f.enforcement, f.status, f.location.file, f.location.line, f.location.column]);
}

/** The findings of `a` not in `b`, counted (two equal findings on one side and one on the other leave one). */
function difference(a: readonly ImpactFinding[], b: readonly ImpactFinding[]): ImpactFinding[] {
  const left = new Map<string, number>();
  for (const f of b) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  const out: ImpactFinding[] = [];
  for (const f of a) {
    const k = key(f);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else out.push(f);
  }
  return out;
}
