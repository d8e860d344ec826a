/**
 * The options Blastgate's own schemas (documents and rule options) are compiled with: at build time by
 * scripts/schemas.mjs into validators.generated.js, and at run time for a schema that has no generated validator.
 */
export declare const AJV_OPTIONS: {
    readonly allErrors: true;
    readonly strict: true;
    readonly strictRequired: false;
    readonly allowUnionTypes: true;
    readonly verbose: true;
};
