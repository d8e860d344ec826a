import type { ChangedFiles } from "../engine/change.js";
import type { GitHub } from "./client.js";
export interface Repo {
    owner: string;
    repo: string;
}
/** GitHub lists at most this many files of a pull request, however many pages are asked for. */
export declare const MAX_PULL_FILES = 3000;
/** A comparison lists at most this many files. */
export declare const MAX_COMPARE_FILES = 300;
/** Every changed file of a pull request, 100 a page. */
export declare function listPullFiles(gh: GitHub, repo: Repo, pullNumber: number): Promise<ChangedFiles>;
/** The files that differ between two commits (a merge group's base and head). */
export declare function compareFiles(gh: GitHub, repo: Repo, base: string, head: string): Promise<ChangedFiles>;
