import type { FileSource } from "../documents/files.js";
import { repoPath } from "../documents/paths.js";
import { compareImpact, impactScope, type ImpactSide, type PolicyImpact } from "../engine/impact.js";
import type { PostgresInventorySource } from "../resolve/catalog.js";
import type { LiveInventory } from "../resolve/inventory.js";
import { runCheck, type PolicyDocuments } from "./run.js";

/** At most this many manifests are judged twice; past it the first ones by path are, and the impact says so. */
export const MAX_IMPACT_MANIFESTS = 2000;

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
export async function policyImpact(opts: ImpactOptions): Promise<PolicyImpact> {
  const { compared, total } = impactScope(opts.manifests, opts.cap ?? MAX_IMPACT_MANIFESTS);
  const judge = async (side: PolicySide): Promise<ImpactSide> => {
    const reads = new Map<string, string[]>();
    const result = await runCheck({
      workspace: opts.workspace,
      policySource: side.source,
      policiesDir: opts.policiesDir,
      manifests: compared,
      now: opts.now,
      governance: { changedFiles: [], allManifests: [...opts.manifests] },
      ...(side.policies ? { policies: side.policies } : {}),
      ...(opts.liveInventory ? { liveInventory: opts.liveInventory } : {}),
      inspect: ({ manifests }) => {
        for (const m of manifests) {
          const ids = m.doc.spec.target.identifiers;
          if (!Array.isArray(ids)) reads.set(m.file, [repoPath(ids.file)]);
        }
      },
    });
    return { label: side.label, findings: result.findings, problems: result.problems, reads };
  };
  // One side after the other: each holds the inventory while it judges.
  const before = await judge(opts.before);
  const after = await judge(opts.after);
  return compareImpact(compared, total, before, after);
}
