interface Options {
    schema: object;
    message: string;
}
/** Whatever the typed rules don't cover: the manifest must satisfy a JSON Schema the policy holds. */
declare const _default: import("./types.js").RuleModule<Options>;
export default _default;
