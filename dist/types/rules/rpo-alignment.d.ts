interface Options {
    maxRpo?: string;
    /** Largest difference of restore points across the products that live in one object (0: identical). */
    maxSpread?: string;
}
/** 57 customers lost more data because Jira, Confluence and Insight in one site had different restore points. */
declare const _default: import("./types.js").RuleModule<Options>;
export default _default;
