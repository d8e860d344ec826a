interface Options {
    /** Identifiers absent from the inventory are a finding (when the catalog has an inventory). */
    requireInventory: boolean;
    /** Identifiers the inventory places in another environment are a finding. */
    checkEnvironment: boolean;
    /** Protected objects (in use or locked) are a finding. */
    checkProtected: boolean;
}
/**
 * The action and the target kind are named together, and every identifier is checked to be of that kind:
 * the Atlassian script was handed site ids for an app removal, and the API took them.
 */
declare const _default: import("./types.js").RuleModule<Options>;
export default _default;
