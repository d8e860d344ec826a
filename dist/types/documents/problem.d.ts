import type { SourceLocation } from "./source.js";
/**
 * Input Blastgate could not understand: malformed YAML, a schema violation, a missing file.
 * A problem is never a pass: any problem makes the verdict "error" (exit 2).
 */
export interface Problem {
    code: string;
    message: string;
    location: SourceLocation;
    /** Set on an "and N more problems" entry: how many problems it stands for, not listed one by one. */
    more?: number;
}
export declare class ProblemList {
    readonly items: Problem[];
    add(code: string, message: string, location: SourceLocation): void;
    get length(): number;
}
/** Problems listed per file; the rest are counted in one "and N more" entry (160,000 bad list items made 160,000 lines). */
export declare const MAX_PROBLEMS_PER_FILE = 100;
/**
 * At most `max` problems per file, in the order given, then one entry saying how many more the file has
 * (counting those earlier "and N more" entries stand for). Linear in the number of problems.
 */
export declare function capProblems(problems: readonly Problem[], max?: number): Problem[];
/** How many problems a list stands for: an "and N more" entry counts N. */
export declare function problemCount(problems: readonly Problem[]): number;
/** The entry standing for `more` problems of a file not listed one by one. */
export declare function moreProblems(more: number, location: SourceLocation): Problem;
