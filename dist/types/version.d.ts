/** Kept in step with package.json by the build (scripts/build.mjs checks). */
export declare const VERSION = "0.2.0";
