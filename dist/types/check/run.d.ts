import type { Problem } from "../documents/problem.js";
import type { CatalogDocument, PolicyDocument, Validated, WaiverDocument } from "../documents/types.js";
import type { ChangeFacts } from "../engine/change.js";
import { type Evaluation, type EvaluationInput } from "../engine/evaluate.js";
import type { PolicyImpact } from "../engine/impact.js";
import { type GovernanceOptions } from "./governance.js";
import { type Catalog, type PostgresInventorySource } from "../resolve/catalog.js";
import { type Inventory, type InventoryInfo, type LiveInventory } from "../resolve/inventory.js";
import type { ManifestInput } from "../rules/types.js";
import { type FileSource } from "../documents/files.js";
export interface CheckOptions {
    /** Manifests, identifier files and the inventory. */
    workspace: FileSource;
    /** Policies and the catalog (the Action reads them from the base commit). Defaults to the workspace. */
    policySource?: FileSource;
    policiesDir: string;
    /** Repository-relative manifest files to judge. */
    manifests: string[];
    now: Date;
    /** Reviews, teams, the author, the change, past commits: what overrides, approvals and `manifest-required` judge. */
    governance?: GovernanceOptions;
    /**
     * Which judged manifests form one change, whose blast-radius limits also hold together: "judged" (those
     * of `manifests`: paths named on the command line), "changed" (those among `governance.changedFiles`), or
     * those among the files listed (the manifests a pull request touches); by the manifest or its identifier
     * file, with those a changed governed script brings in. Absent: each manifest on its own.
     */
    change?: "judged" | "changed" | readonly string[];
    /** The policy files, when the caller has read them already (`loadPolicies`); otherwise they are read from `policySource`. */
    policies?: PolicyDocuments;
    /** Opens the live inventory a catalog names (Postgres); the callers bring the connection string. */
    liveInventory?: (source: PostgresInventorySource) => LiveInventory;
    /** Hands the caller what was loaded (the runtime guard slices stages and measures budgets with it). */
    inspect?: (loaded: {
        catalog: Catalog | undefined;
        inventory: Inventory | undefined;
        manifests: readonly ManifestInput[];
    }) => void;
    /** Problems found choosing what to judge (discovery, selection): reported first, and the verdict is "error". */
    selectionProblems?: Problem[];
    /** What the caller learnt about the change itself: the policies or the inventory it edits (engine/change.ts). */
    changeFacts?: ChangeFacts;
}
/** The policy files of one directory, read, parsed and validated, with the problems found doing so. */
export interface PolicyDocuments {
    dir: string;
    label: string;
    catalogs: Validated<CatalogDocument>[];
    policies: Validated<PolicyDocument>[];
    waivers: Validated<WaiverDocument>[];
    /** Catalog documents that failed their schema (their problems are among `problems`). */
    invalidCatalogs: number;
    problems: Problem[];
    /** The first file (or the directory) that could not be read for a reason other than its content: an API or I/O failure. */
    unreadable?: string;
}
/** Reads every policy file of a directory (all reads at once: in the Action each is an API round trip). */
export declare function loadPolicies(source: FileSource, policiesDir: string): Promise<PolicyDocuments>;
export interface CheckResult extends Evaluation {
    manifests: string[];
    policiesDir: string;
    /** Rules in force, for the report. */
    rules: {
        id: string;
        type: string;
        enforcement: string;
        description?: string;
    }[];
    /** Where the inventory came from, when the catalog names one and it was read. */
    inventory?: InventoryInfo;
    /** Every manifest judged under the old and the new policies, when the caller compared them (check/impact.ts). */
    impact?: PolicyImpact;
}
/** What the pure engine is given, read and compiled through the sources, with what the report needs besides. */
export interface PreparedCheck {
    input: EvaluationInput;
    /** The manifest files judged (those asked for, and those a changed governed script brings in). */
    manifests: string[];
    policiesDir: string;
    /** Rules in force, for the report. */
    rules: CheckResult["rules"];
    /** The inventory read: where from, as of when, how many rows. */
    inventory?: InventoryInfo;
}
/** Reads everything a check needs through the given sources, then hands plain data to the pure engine. */
export declare function runCheck(opts: CheckOptions): Promise<CheckResult>;
/** Reads and compiles what evaluate() takes: the policies, the catalog, the inventory, the manifests and the governance facts. */
export declare function prepareCheck(opts: CheckOptions): Promise<PreparedCheck>;
/** The one catalog of the policy files, compiled; a missing or second one is a problem. */
export declare function catalogOf(loaded: PolicyDocuments, label: string, problems: Problem[]): Catalog | undefined;
