interface Options {
    requireSoftDelete?: boolean;
    /** Shortest soft-delete window. */
    minRetention?: string;
    /** A rollback strategy other than `none`. */
    requireRollback: boolean;
    requireRunbook?: boolean;
    /** How old the last restore drill may be. */
    maxDrillAge?: string;
    /** Restoring every target at restoreRate must fit within rto. */
    restoreWithinRto?: boolean;
    /** The RTO itself may be no longer than this. */
    maxRto?: string;
    /** A restoreRate faster than the catalog's measured rate for the kind (`kinds.<kind>.restoreRate`) is a finding. */
    checkRestoreRate: boolean;
}
/** Hard deletes need a soft-delete window and a restore path that undoes the worst plausible run within the RTO. */
declare const _default: import("./types.js").RuleModule<Options>;
export default _default;
