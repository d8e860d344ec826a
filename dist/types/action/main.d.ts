/**
 * The glue between the runner and runAction: inputs in; annotations, the job summary, outputs
 * and the exit code out. Nothing here decides anything.
 */
export declare function main(): Promise<void>;
