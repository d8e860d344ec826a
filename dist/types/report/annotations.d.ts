import type { Problem } from "../documents/problem.js";
import type { Finding } from "../rules/types.js";
/** One workflow-command annotation (::error file=...,line=...,col=...::message). */
export interface Annotation {
    level: "error" | "warning" | "notice";
    title: string;
    message: string;
    file?: string;
    line?: number;
    column?: number;
}
/**
 * GitHub shows at most 10 error and 10 warning annotations per step (50 per job) and drops the
 * rest without a word. Blastgate emits within those, most severe first, and says where the rest are.
 */
export declare const ANNOTATION_LIMITS: {
    readonly error: 10;
    readonly warning: 10;
};
export interface AnnotationInput {
    findings: readonly Finding[];
    problems: readonly Problem[];
    /** Blastgate could not decide for a reason tied to no file (an API failure). */
    failure?: string;
}
export interface Annotations {
    annotations: Annotation[];
    /** Findings and problems not annotated: they are in the job summary. */
    omitted: number;
}
export declare function toAnnotations(input: AnnotationInput, limits?: {
    error: number;
    warning: number;
}): Annotations;
