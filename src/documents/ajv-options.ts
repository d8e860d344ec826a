/**
 * The options Blastgate's own schemas (documents and rule options) are compiled with: at build time by
 * scripts/schemas.mjs into validators.generated.js, and at run time for a schema that has no generated validator.
 */
export const AJV_OPTIONS = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true } as const;
