import type { IdentifierList } from "../documents/identifiers.js";
import type { SourceLocation } from "../documents/source.js";
import type { Enforcement, OperationDocument } from "../documents/types.js";
import type { ParsedDocument } from "../documents/yaml.js";
import type { Plan, PlanLimits, Radius } from "../measure/plan.js";
import type { Catalog } from "../resolve/catalog.js";
import type { Inventory } from "../resolve/inventory.js";
import type { Resolution } from "../resolve/resolve.js";
import type { ApprovalRecord, ApprovalRole, FindingStatus, OverrideRef, WaiverRef } from "./status.js";
export type Evidence = Record<string, string | number | boolean | null | string[] | number[]>;
/** One thing a policy rule found wrong with one manifest. */
export interface Finding {
    /** The policy rule's id, as the policy file names it. */
    ruleId: string;
    /** The rule type (identifier-kind, blast-radius, ...). */
    ruleType: string;
    enforcement: Enforcement;
    /** "error" blocks unless overridden; "warning" is advisory. */
    severity: "error" | "warning";
    messageId: string;
    message: string;
    /** Where the offending value is: the manifest or the identifier file. */
    location: SourceLocation;
    /** The manifest this finding is about. */
    manifest: string;
    /** The numbers behind the message. */
    evidence: Evidence;
    /** Where the rule is defined. */
    policy: SourceLocation;
    /** What the finding does to the verdict (set by the engine; a finding without one counts by its enforcement). */
    status?: FindingStatus;
    /** Set when an override lifted the finding. */
    override?: OverrideRef;
    /** Set when a waiver lifted the finding. */
    waiver?: WaiverRef;
}
/** A manifest ready to judge. */
export interface ManifestInput {
    file: string;
    doc: OperationDocument;
    source: ParsedDocument;
    /** Undefined when the identifiers could not be read (a problem says why). */
    identifiers: IdentifierList | undefined;
    /** The identifier file, repository-relative, when the manifest names one. */
    identifierFile?: string;
    /** The files its `metadata.scripts` names (globs resolved), repository-relative and sorted. */
    scriptFiles?: string[];
    /** `sha256:...` over the manifest, its identifier file and its scripts, as loaded: what approvals and overrides bind to. */
    digest?: string;
}
export interface Report {
    location: SourceLocation;
    messageId: string;
    data?: Record<string, string | number>;
    evidence?: Evidence;
    /** What the finding is about when that is not the manifest being judged (a governed script, for `manifest-required`). */
    subject?: string;
}
/** A manifest's sign-offs, for rules that need them (`approvals`): answers from data gathered before the check, no I/O. */
export interface ManifestGovernance {
    /** The repository's organisation, for teams written as a bare slug. */
    org: string | undefined;
    /** Judges the approving reviews for one team on this manifest; the record also goes into the report. */
    approvals(req: {
        roles: ApprovalRole[];
        team: string;
        need: number;
        location: SourceLocation;
    }): ApprovalRecord;
}
export interface RuleContext<O> {
    options: O;
    manifest: ManifestInput;
    identifiers: IdentifierList;
    resolution: Resolution;
    plan: Plan;
    catalog: Catalog;
    inventory: Inventory | undefined;
    now: Date;
    /** The manifest value at a JSON pointer (or its nearest present parent). */
    at(pointer: string): SourceLocation;
    report(r: Report): void;
    governance: ManifestGovernance;
}
/** For rules judged once per change rather than per manifest (`manifest-required`). */
export interface ChangeContext<O> {
    options: O;
    changes: ChangeSet;
    report(r: Report): void;
}
/** For limits that hold over all the manifests of one change a rule matches (blast-radius): a run split in parts is still one run. */
export interface TogetherContext<O> {
    options: O;
    /** The manifests of the change the rule matched (two or more), in file order, with where each names its targets. */
    manifests: {
        file: string;
        plan: Plan;
        targetsAt: SourceLocation;
    }[];
    /** What they destroy together, each object counted once. */
    together: Radius;
    report(r: Report): void;
}
/** A rule type, written the way ESLint rules are: metadata, an options schema, one pure function. */
export interface RuleModule<O = Record<string, unknown>> {
    meta: {
        type: string;
        description: string;
        /** Where the rule type is documented. */
        docs: string;
        /** JSON Schema of the policy rule's `with`. */
        schema: object;
        /** Message templates by id; `{{name}}` is replaced with data.name, `{{name:one|other}}` by the word that agrees with it. */
        messages: Record<string, string>;
    };
    check(context: RuleContext<O>): void;
    /**
     * What the options schema cannot say (a JSON Schema inside `with` that does not compile): checked when the
     * policy loads, so a broken rule fails at once, not only when a manifest reaches it.
     */
    checkOptions?(options: O): {
        option: string;
        message: string;
    } | undefined;
    /** The limits a reporter draws beside the plan (the allowed spread on the restore-point axis); the engine keeps the strictest. */
    limits?(options: O): PlanLimits;
    /** Judged once per run over the change, not per manifest; such a rule takes no `match`. */
    checkChanges?(context: ChangeContext<O>): void;
    /** Judged once over the manifests of one change the rule matches, when the caller says which manifests form one change. */
    checkTogether?(context: TogetherContext<O>): void;
}
export declare function defineRule<O>(rule: RuleModule<O>): RuleModule<O>;
/**
 * `{{name}}` is data.name; `{{name:one|other}}` is `one` when data.name is 1 and `other` otherwise, so a
 * message agrees with its number ("1 target is", "2 targets are").
 */
export declare function format(template: string, data?: Record<string, string | number>): string;
/** A policy rule ready to run. */
export interface CompiledRule {
    id: string;
    type: string;
    enforcement: Enforcement;
    module: RuleModule<any>;
    options: Record<string, unknown>;
    match: {
        environment?: string[];
        action?: string[];
        kind?: string[];
        paths?: string[];
    };
    location: SourceLocation;
    /** The policy author's description of the rule, when the Policy gives one. */
    description?: string;
    /** Who may override it (`org/slug` in lower case, logins): the rule's own pair when it sets either, else its Policy's. */
    overrideTeams: string[];
    overrideUsers: string[];
}
/** A manifest at head as the index knows it: enough to find who names a script and which names exist. */
export interface ManifestIndexEntry {
    file: string;
    name: string | undefined;
    /** `metadata.scripts`: paths or globs. */
    scripts: string[];
}
/** What a `manifest-required` rule looks at. */
export interface ChangeSet {
    /** The changed files present at head; every file of the workspace when the caller gave no change list. */
    files: string[];
    /** true: `files` is the change; false: the whole workspace. */
    changed: boolean;
    /** Every manifest at head. */
    manifests: ManifestIndexEntry[];
}
