import { type Problem } from "../documents/problem.js";
import { type Plan } from "../measure/plan.js";
import type { Catalog } from "../resolve/catalog.js";
import type { Inventory } from "../resolve/inventory.js";
import { type GovernanceFacts } from "../governance/facts.js";
import { type Counts } from "../governance/judge.js";
import type { ApprovalRecord, DigestEntry, OverrideRecord, ScriptEntry, WaiverRecord } from "../rules/status.js";
import { type Finding, type ManifestInput } from "../rules/types.js";
import { type ChangeFacts } from "./change.js";
import { type CompiledRule } from "../rules/types.js";
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
/** The pure core: manifests, catalog, rules and inventory in; findings, plans and a verdict out. No I/O. */
export declare function evaluate(input: EvaluationInput): Evaluation;
