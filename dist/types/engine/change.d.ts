import type { Problem } from "../documents/problem.js";
import type { Finding } from "../rules/types.js";
/**
 * Findings about a change itself, not about one manifest: it edits the policies that judge it, or the
 * inventory that decides what each identifier is. Pure: the caller says what changed (from the pull
 * request's or merge group's file list); evaluate() adds these to the findings and tallies them once.
 */
export declare const POLICY_CHANGED = "blastgate/policy-changed";
export declare const INVENTORY_CHANGED = "blastgate/inventory-changed";
export interface ChangedFile {
    filename: string;
    /** added, removed, modified, renamed, copied, changed, unchanged */
    status: string;
    /** The old name of a renamed file. */
    previousFilename?: string;
}
export interface ChangedFiles {
    files: ChangedFile[];
    /**
     * False when GitHub may have cut the list short (3,000 files for a pull request, 300 for a
     * comparison): the caller must then judge every manifest rather than trust the list.
     */
    complete: boolean;
}
/** What a caller learnt about the change (the Action, from GitHub's list of changed files). */
export interface ChangeFacts {
    /** How the change is named in messages: "pull request", or "change" for a merge group. */
    what: string;
    /** Where the policies that judge come from ("base commit 1a2b3c4"). */
    policySource: string;
    /** The policies directory. */
    policiesDir: string;
    /** Policy files the change adds, edits, renames or removes. */
    policyFiles: ChangedFile[];
    /** Problems in the change's own version of the policies: not used to judge, but a broken one must not merge. */
    changedPolicyProblems?: Problem[];
    /** When the change edits the inventory the catalog names. */
    inventory?: {
        file: string;
        /** Manifests and identifier files judged against it in the same change (a pull request's; none for a merge group). */
        alongside: string[];
        /** GitHub listed only part of the change's files, so what changes with the inventory cannot be told. */
        listCut: boolean;
    };
}
/** The findings and problems a change's own facts call for. */
export declare function judgeChange(c: ChangeFacts): {
    findings: Finding[];
    problems: Problem[];
};
