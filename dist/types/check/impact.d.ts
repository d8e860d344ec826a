import type { FileSource } from "../documents/files.js";
import { type PolicyImpact } from "../engine/impact.js";
import type { PostgresInventorySource } from "../resolve/catalog.js";
import type { LiveInventory } from "../resolve/inventory.js";
import { type PolicyDocuments } from "./run.js";
/** At most this many manifests are judged twice; past it the first ones by path are, and the impact says so. */
export declare const MAX_IMPACT_MANIFESTS = 2000;
/** The policies one side judges with: where they are read, or the files already read there. */
export interface PolicySide {
    source: FileSource;
    label: string;
    policies?: PolicyDocuments;
}
export interface ImpactOptions {
    /** The repository as it is after the change: its manifests, identifier files and inventory serve both sides. */
    workspace: FileSource;
    policiesDir: string;
    /** Every manifest of the repository (the selection rule's "every manifest"). */
    manifests: readonly string[];
    before: PolicySide;
    after: PolicySide;
    now: Date;
    liveInventory?: (source: PostgresInventorySource) => LiveInventory;
    /** Defaults to MAX_IMPACT_MANIFESTS. */
    cap?: number;
}
/**
 * Judges every manifest under the old and the new policies, with the same manifests and inventory, and
 * returns the manifests whose verdict or findings change. Each manifest is judged on its own, without
 * reviews (no override or approval lifts anything) and with no change (no `manifest-required` script):
 * what a later pull request running it would meet. Waivers come from each side's own policy files.
 */
export declare function policyImpact(opts: ImpactOptions): Promise<PolicyImpact>;
