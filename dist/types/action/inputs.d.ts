/** What fails the check: the step's exit code is the gate. */
export declare const FAIL_ON: readonly ["mandatory", "hard-mandatory", "never"];
export type FailOn = (typeof FAIL_ON)[number];
export interface Inputs {
    /** Globs selecting manifest files; a line starting with ! excludes. */
    manifests: string[];
    policies: string;
    token: string;
    /** The token that reads team membership; "" means `token`. */
    teamsToken: string;
    comment: boolean;
    /** Also write the findings as SARIF 2.1.0 (for github/codeql-action/upload-sarif). */
    sarif: boolean;
    failOn: FailOn;
    /** Evaluation time, for reproducible runs. */
    now: Date | undefined;
    /** Connection string of a Postgres inventory (a secret); "" means the variable the catalog names. */
    inventoryUrl: string;
}
/** Reads and checks the inputs (`get` returns "" for an input not given). Every error names the input and what it accepts. */
export declare function parseInputs(get: (name: string) => string): {
    inputs: Inputs;
    errors: [];
} | {
    inputs: undefined;
    errors: string[];
};
/**
 * Whether the step fails: always when Blastgate could not decide, otherwise as `fail-on` says.
 * Counts are of blocking findings: an overridden or waived finding fails nothing.
 */
export declare function gateFails(verdict: "allowed" | "blocked" | "error", blocking: {
    all: number;
    hardMandatory: number;
}, failOn: FailOn): boolean;
