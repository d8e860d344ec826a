/** The v1 documents as TypeScript sees them once they passed their JSON Schema. */
import type { Limits } from "./limits.js";
import type { ParsedDocument } from "./yaml.js";
export type Enforcement = "advisory" | "soft-mandatory" | "hard-mandatory";
export interface OperationSpec {
    environment: string;
    action: string;
    target: {
        kind: string;
        expectedCount?: number;
        identifiers: string[] | {
            file: string;
        };
    };
    deletion: {
        mode: "soft" | "hard";
        retention?: string;
    };
    rollout?: {
        stages: Stage[];
    };
    rollback?: {
        strategy: "undelete" | "restore-from-backup" | "none";
        runbook?: string;
        lastTested?: string;
        restoreRate?: string;
        rto?: string;
    };
}
export interface Stage {
    name: string;
    count?: number;
    percent?: number;
    bake?: string;
}
export interface OperationDocument {
    apiVersion: string;
    kind: "Operation";
    metadata: {
        name: string;
        description?: string;
        ticket?: string;
        requestedBy?: string;
        executedBy?: string;
        scripts?: string[];
    };
    spec: OperationSpec;
}
export interface CatalogDocument {
    apiVersion: string;
    kind: "Catalog";
    metadata?: {
        name?: string;
        description?: string;
    };
    environments?: string[];
    /** A path to an NDJSON or CSV export in the repository, or a live Postgres source. */
    inventory?: string | {
        postgres: PostgresInventoryDocument;
    };
    kinds: Record<string, {
        description?: string;
        identifier: {
            pattern: string;
            examples?: string[];
        };
        parent?: string;
        products?: string[];
        owner?: string;
        restoreRate?: string;
    }>;
    actions: Record<string, {
        target: string;
        destructive: boolean;
        description?: string;
    }>;
    products?: Record<string, {
        rpo: string;
        restorePoint: string;
        datastores?: string[];
        description?: string;
    }>;
}
/** The catalog's `inventory.postgres`: where the rows live and which column holds what. */
export interface PostgresInventoryDocument {
    /** `env:NAME`: the connection string comes from the environment, never the repository. */
    url?: string;
    table?: string;
    query?: string;
    columns?: Partial<Record<"id" | "kind" | "tenant" | "customer" | "environment" | "parent" | "protected", string>>;
}
export interface PolicyRuleDocument {
    id: string;
    type: string;
    enforcement: Enforcement;
    description?: string;
    match?: {
        environment?: string | string[];
        action?: string | string[];
        kind?: string | string[];
        paths?: string | string[];
    };
    with?: Record<string, unknown>;
    /** Who may override the rule when it is soft-mandatory; when either is set, the rule's pair replaces the Policy's. */
    overrideTeams?: string[];
    overrideUsers?: string[];
}
export interface PolicyDocument {
    apiVersion: string;
    kind: "Policy";
    metadata?: {
        name?: string;
        description?: string;
    };
    limits?: Partial<Omit<Limits, "inventoryTimeout">> & {
        inventoryTimeout?: number | string;
    };
    /** Who may override this Policy's soft-mandatory rules (`org/team-slug`, logins). */
    overrideTeams?: string[];
    overrideUsers?: string[];
    /** How far ahead of the evaluation time a Waiver may expire (a duration). */
    waivers?: {
        maxExpiry?: string;
    };
    /** Destruction budgets over a rolling window, enforced by the runtime guard (`blastgate guard`, `blastgate run`). */
    budgets?: BudgetDocument[];
    rules: PolicyRuleDocument[];
}
/** At most this much of one kind destroyed within `window` (any of the limits), summed over every run the ledger holds. */
export interface BudgetDocument {
    kind: string;
    maxShare?: number;
    maxCount?: number;
    maxCustomers?: number;
    window: string;
}
/** A standing exception among the policy files: `spec.rules` do not block the manifest named `spec.manifest` until `spec.expires`. */
export interface WaiverDocument {
    apiVersion: string;
    kind: "Waiver";
    metadata: {
        name: string;
        description?: string;
    };
    spec: {
        /** The manifest's `metadata.name`. */
        manifest: string;
        rules: string[];
        reason: string;
        owner: string;
        /** YYYY-MM-DD: the waiver holds through the end of that day, UTC. */
        expires: string;
        /** `sha256:...`: the waiver holds only for this exact manifest and identifier file content. */
        digest?: string;
    };
}
export interface ExpectedFinding {
    rule: string;
    messageId?: string;
    enforcement?: Enforcement;
    status?: "blocking" | "advisory" | "overridden" | "waived";
    file?: string;
    line?: number;
}
export interface PolicyTestReview {
    id?: number;
    user: string | {
        login: string;
    };
    state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";
    body?: string;
    /** Someone who edited the review's body after it was written. */
    editedBy?: string;
}
/** One case of a PolicyTest: a manifest (a file, or inline), the facts around it, and what the verdict must be. */
export interface PolicyTestCase {
    name: string;
    manifest?: string;
    operation?: Record<string, unknown>;
    now?: string;
    fixtures?: {
        inventory?: {
            id: string;
            kind: string;
            tenant: string;
            customer: string;
            environment?: string;
            parent?: string;
            protected?: boolean;
        }[];
        reviews?: PolicyTestReview[];
        author?: string;
        org?: string;
        teams?: Record<string, string[]>;
        changed?: string[];
        permissions?: Record<string, string>;
        commits?: {
            author: string;
            committer?: string;
            pushedBy?: string;
            files?: string[];
        }[];
    };
    expect: {
        verdict: "allowed" | "blocked" | "error";
        rules?: string[];
        findings?: ExpectedFinding[];
    };
}
/** Cases `blastgate test` judges with the policies; `check` skips these documents. */
export interface PolicyTestDocument {
    apiVersion: string;
    kind: "PolicyTest";
    metadata: {
        name: string;
        description?: string;
    };
    cases: PolicyTestCase[];
}
/** A document that passed its schema, with the parse it came from (for locations). */
export interface Validated<T> {
    doc: T;
    source: ParsedDocument;
}
