import type { Problem } from "../documents/problem.js";
import type { CommitHistory, PermissionReader } from "./authorship.js";
import type { Review } from "./reviews.js";
/** What each parser returns: the value when the file is valid, else the problems (each naming file and line). */
export type Parsed<T> = {
    value?: T;
    problems: Problem[];
};
export declare function parseReviews(file: string, text: string): Parsed<Review[]>;
export declare function parseTeams(file: string, text: string): Parsed<Record<string, string[]>>;
/** `--permissions`: a list of GET /repos/{o}/{r}/collaborators/{user}/permission answers. A login not in it has no known permission. */
export declare function parsePermissions(file: string, text: string): Parsed<PermissionReader>;
/**
 * `--commits`: `{ "commits": [...], "activity": [...] }`, the pull request's commits as
 * GET /repos/{o}/{r}/pulls/{n}/commits lists them (each with `files` as GET /repos/{o}/{r}/commits/{sha}
 * has them) and the head branch's pushes as GET /repos/{o}/{r}/activity lists them.
 */
export declare function parseCommits(file: string, text: string): Parsed<CommitHistory>;
