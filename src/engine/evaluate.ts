import { capProblems, type Problem } from "../documents/problem.js";
import { pointerOf, type SourceLocation } from "../documents/source.js";
import { suggest } from "../documents/validate.js";
import { measure, measureTogether, planScope, type MeasuredManifest, type Plan, type PlanLimits } from "../measure/plan.js";
import type { Catalog } from "../resolve/catalog.js";
import type { Inventory } from "../resolve/inventory.js";
import { resolveIdentifiers } from "../resolve/resolve.js";
import { emptyFacts, judgeApprovals, type GovernanceFacts } from "../governance/facts.js";
import { applyGovernance, tally, type Counts } from "../governance/judge.js";
import { scriptEntries } from "../governance/scripts.js";
import type { ApprovalRecord, DigestEntry, OverrideRecord, ScriptEntry, WaiverRecord } from "../rules/status.js";
import { format, type Finding, type ManifestInput, type Report, type RuleContext } from "../rules/types.js";
import { judgeChange, type ChangeFacts } from "./change.js";
import { ruleApplies } from "./policies.js";
import { type CompiledRule } from "../rules/types.js";
import { grouped } from "../documents/units.js";

export type Verdict = "allowed" | "blocked" | "error";

export interface EvaluationInput {
  manifests: ManifestInput[];
  catalog: Catalog | undefined;
  rules: CompiledRule[];
  inventory: Inventory | undefined;
  /** Evaluation time: drill ages are measured against it. */
  now: Date;
  /** Problems found while loading; any problem makes the verdict "error". */
  problems: Problem[];
  /** Reviews, memberships, digests, waivers and the change, gathered beforehand; without them nothing is overridden or approved. */
  governance?: GovernanceFacts;
  /**
   * The manifests judged as one change (a pull request's, a merge group's, those named on the command line):
   * blast-radius limits also hold for them together, so a run split across manifests is still one run.
   * Absent: each manifest is judged on its own (a whole-tree check of manifests that ran at different times).
   */
  change?: readonly string[];
  /** Problems found choosing what to judge (discovery, selection): listed first; any makes the verdict "error". */
  selectionProblems?: Problem[];
  /** What the caller learnt about the change itself (policies or inventory edited): findings of their own (change.ts). */
  changeFacts?: ChangeFacts;
}

export interface Evaluation {
  verdict: Verdict;
  findings: Finding[];
  plans: Plan[];
  problems: Problem[];
  /** `blocking`, `overridden` and `waived` are always set by evaluate (optional for results assembled elsewhere). */
  counts: Omit<Counts, "blocking" | "overridden" | "waived"> & Partial<Pick<Counts, "blocking" | "overridden" | "waived">>;
  /** Every `blastgate override` line of the reviews, judged. */
  overrides?: OverrideRecord[];
  /** Every waiver among the policy files, with what it did in this run. */
  waivers?: WaiverRecord[];
  /** Each team sign-off an `approvals` rule required. */
  approvals?: ApprovalRecord[];
  /** What approvals and overrides bind to, per manifest (and governed script). */
  digests?: DigestEntry[];
  /** Governed scripts of the change and the manifests naming them. */
  scripts?: ScriptEntry[];
  /**
   * Ids of the rules that judged something: a manifest they match, or (rules judged over the change) a script
   * they govern that the change touches. What policy-test coverage needs to say a rule held.
   */
  rulesRun?: string[];
}

const ENFORCEMENT_ORDER = { "hard-mandatory": 0, "soft-mandatory": 1, advisory: 2 } as const;

/** The pure core: manifests, catalog, rules and inventory in; findings, plans and a verdict out. No I/O. */
export function evaluate(input: EvaluationInput): Evaluation {
  const problems = [...input.problems];
  const findings: Finding[] = [];
  const plans: Plan[] = [];
  const approvals: ApprovalRecord[] = [];
  const rulesRun = new Set<string>();
  const { catalog, inventory } = input;
  const facts = input.governance ?? emptyFacts();
  const push = (rule: CompiledRule, r: Report, manifest: string) => {
    const message = format(rule.module.meta.messages[r.messageId] ?? r.messageId, r.data);
    findings.push({
      ruleId: rule.id,
      ruleType: rule.type,
      enforcement: rule.enforcement,
      severity: rule.enforcement === "advisory" ? "warning" : "error",
      messageId: r.messageId,
      message,
      location: r.location,
      manifest: r.subject ?? manifest,
      evidence: r.evidence ?? {},
      policy: rule.location,
    });
  };
  const change = input.change ? new Set(input.change) : undefined;
  /** Per rule judged over the change: the manifests of the change it matched. */
  const together = new Map<CompiledRule, (MeasuredManifest & { file: string; targetsAt: SourceLocation })[]>();
  if (catalog) {
    const knownEnvironments = catalog.environments ? new Set(catalog.environments) : inventory?.environmentNames();
    for (const m of input.manifests) {
      const consistent = checkAgainstCatalog(m, catalog, knownEnvironments, problems);
      if (!m.identifiers) continue;
      const resolution = resolveIdentifiers(m.identifiers, catalog, inventory, m.doc.spec.environment);
      const plan = measure(m.file, m.doc, resolution, catalog, inventory, input.now);
      const staged = checkStages(m, plan, problems);
      plans.push(plan);
      // Approvals (judged as the rules run) and overrides bind to this plan as well as to the files.
      facts.plans.set(m.file, planScope(plan));
      // A manifest with an input problem is not judged (its plan is shown): the report says so, and the verdict is an error.
      if (!consistent || !staged) continue;
      for (const rule of input.rules) {
        if (!ruleApplies(rule, m, resolution.byKind.keys())) continue;
        strictest(plan.limits, rule.module.limits?.(rule.options));
        if (rule.module.checkTogether && change?.has(m.file)) {
          let parts = together.get(rule);
          if (!parts) together.set(rule, (parts = []));
          parts.push({ file: m.file, identifiers: m.identifiers, resolution, plan, targetsAt: m.source.map.locate("/spec/target/identifiers") });
        }
        const ctx: RuleContext<Record<string, unknown>> = {
          options: rule.options,
          manifest: m,
          identifiers: m.identifiers,
          resolution,
          plan,
          catalog,
          inventory,
          now: input.now,
          at: (p) => m.source.map.locate(p),
          report: (r) => push(rule, r, m.file),
          governance: {
            org: facts.org,
            approvals(req) {
              const record = judgeApprovals(facts, { ...req, manifest: m.file, ruleId: rule.id });
              approvals.push(record);
              return record;
            },
          },
        };
        // A rule judged over the change has run when a script it governs was in the change (below).
        if (!rule.module.checkChanges) rulesRun.add(rule.id);
        try {
          rule.module.check(ctx);
        } catch (e) {
          // A rule that crashes cannot vouch for the manifest: fail closed, naming the rule.
          problems.push({ code: "internal", message: `rule '${rule.id}' (${rule.type}) failed on ${m.file}: ${(e as Error).message}`, location: rule.location });
        }
      }
    }
  }
  for (const [rule, parts] of together) {
    if (parts.length < 2) continue;
    parts.sort((a, b) => cmp(a.file, b.file));
    try {
      rule.module.checkTogether!({ options: rule.options, manifests: parts, together: measureTogether(parts, catalog!, inventory), report: (r) => push(rule, r, parts[0]!.file) });
    } catch (e) {
      problems.push({ code: "internal", message: `rule '${rule.id}' (${rule.type}) failed on the manifests of the change together: ${(e as Error).message}`, location: rule.location });
    }
  }
  const changes = facts.changes;
  if (changes) {
    for (const rule of input.rules) {
      if (!rule.module.checkChanges) continue;
      try {
        rule.module.checkChanges({ options: rule.options, changes, report: (r) => push(rule, r, r.location.file) });
      } catch (e) {
        problems.push({ code: "internal", message: `rule '${rule.id}' (${rule.type}) failed on the change: ${(e as Error).message}`, location: rule.location });
      }
    }
  }
  const names = new Map(input.manifests.map((m) => [m.file, m.doc.metadata.name]));
  const governed = applyGovernance(findings, input.rules, facts, names, input.now);
  findings.push(...governed.findings);
  findings.sort(
    (a, b) =>
      cmp(a.manifest, b.manifest) ||
      ENFORCEMENT_ORDER[a.enforcement] - ENFORCEMENT_ORDER[b.enforcement] ||
      cmp(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      cmp(a.ruleId, b.ruleId),
  );
  problems.sort((a, b) => cmp(a.location.file, b.location.file) || a.location.line - b.location.line || a.location.column - b.location.column);
  // Findings and problems about the change itself, and those of choosing what to judge, frame the rest.
  const aboutChange = input.changeFacts ? judgeChange(input.changeFacts) : { findings: [], problems: [] };
  findings.push(...aboutChange.findings);
  const listed = capProblems([...(input.selectionProblems ?? []), ...problems, ...aboutChange.problems]);
  const { counts, verdict } = tally(findings, listed);
  const scripts = scriptEntries(input.rules, changes);
  for (const s of scripts) s.rules.forEach((id) => rulesRun.add(id));
  const digests = [...facts.head.values()].sort((a, b) => cmp(a.subject, b.subject));
  return { verdict, findings, plans, problems: listed, counts, overrides: governed.overrides, waivers: governed.waivers, approvals, digests, scripts, rulesRun: [...rulesRun] };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The manifest names things the catalog must know: otherwise no rule can judge it (and a misspelling must not dodge one). */
function checkAgainstCatalog(m: ManifestInput, catalog: Catalog, environments: Set<string> | undefined, problems: Problem[]): boolean {
  const spec = m.doc.spec;
  const at = (...p: string[]) => m.source.map.locate(pointerOf(["spec", ...p]));
  let ok = true;
  if (!catalog.actions.has(spec.action)) {
    const hint = suggest(spec.action, [...catalog.actions.keys()]);
    problems.push({ code: "manifest", message: `spec.action '${spec.action}' is not an action in the catalog${hint ? ` (did you mean '${hint}'?)` : ""}; known: ${[...catalog.actions.keys()].join(", ")}`, location: at("action") });
    ok = false;
  }
  if (!catalog.kinds.has(spec.target.kind)) {
    const hint = suggest(spec.target.kind, [...catalog.kinds.keys()]);
    problems.push({
      code: "manifest",
      message: `spec.target.kind '${spec.target.kind}' is not a kind in the catalog${hint ? ` (did you mean '${hint}'?)` : ""}; known: ${[...catalog.kinds.keys()].join(", ")}`,
      location: at("target", "kind"),
    });
    ok = false;
  }
  if (environments && environments.size > 0 && !environments.has(spec.environment)) {
    const hint = suggest(spec.environment, [...environments]);
    problems.push({
      code: "manifest",
      message: `spec.environment '${spec.environment}' is not an environment the catalog knows${hint ? ` (did you mean '${hint}'?)` : ""}; known: ${[...environments].join(", ")}`,
      location: at("environment"),
    });
    ok = false;
  }
  return ok;
}

/** Keeps the smaller of each limit: the plan shows the strictest policy that matched. */
function strictest(into: PlanLimits, limits: PlanLimits | undefined): void {
  for (const [k, v] of Object.entries(limits ?? {}) as [keyof PlanLimits, number | undefined][]) {
    if (v !== undefined && (into[k] === undefined || v < into[k])) into[k] = v;
  }
}

/** Stages together must cover every target, exactly, and each at least one; whether they do. */
function checkStages(m: ManifestInput, plan: Plan, problems: Problem[]): boolean {
  const stages = m.doc.spec.rollout?.stages;
  if (!stages) return true;
  const before = problems.length;
  const n = plan.targets;
  const total = plan.stagedTotal;
  const at = m.source.map.locate("/spec/rollout/stages");
  // A stage that rounds to no target is no canary: counting it would let a one-wave run pass as staged.
  plan.stages.forEach((s, i) => {
    if (s.size === 0)
      problems.push({ code: "manifest", message: `stage '${s.name}' destroys no target (of ${grouped(n)}): give it a count, or a percent that names at least one`, location: m.source.map.locate(`/spec/rollout/stages/${i}`) });
  });
  if (total < n - 1e-6 * Math.max(n, 1)) {
    problems.push({ code: "manifest", message: `spec.rollout.stages cover ${fmt(total)} of ${grouped(n)} target${n === 1 ? "" : "s"}: ${fmt(n - total)} would never run (or run outside any stage)`, location: at });
  } else if (total > n + 1e-6 * Math.max(n, 1)) {
    problems.push({ code: "manifest", message: `spec.rollout.stages add up to ${fmt(total)}, but there ${n === 1 ? "is 1 target" : `are ${grouped(n)} targets`}`, location: at });
  }
  return problems.length === before;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? grouped(x) : x.toFixed(1);
}
