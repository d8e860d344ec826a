interface Options {
    maxTargets?: number;
    maxTenants?: number;
    maxCustomers?: number;
    /** Largest fraction of all inventory objects of a kind one run may destroy (the capacity floor). */
    maxShareOfKind?: number;
    /** Largest single stage. */
    maxPerStage?: number;
    /** A run over this many targets must be staged (two stages or more). */
    requireStagesAbove?: number;
    /** Largest first stage (the canary). */
    maxFirstStage?: number;
    /** Objects contained in the targets, all kinds together. */
    maxContained?: number;
    /** How far the computed count may differ from spec.target.expectedCount (0: exactly). */
    expectedCountTolerance: number;
    /** Shortest bake after each stage but the last: a canary no one watched is no canary. */
    minBake?: string;
}
/** Bulk deletes need limits and staged rollout: 883 sites went in one 23-minute run. */
declare const _default: import("./types.js").RuleModule<Options>;
export default _default;
