interface Options {
    scripts: string[];
}
/**
 * A governed script does not change on its own: a manifest at head names it in `metadata.scripts`, and
 * that manifest is judged with the change (the loader adds it even when it did not change).
 */
declare const _default: import("./types.js").RuleModule<Options>;
export default _default;
