import type { Repo } from "./changes.js";
import type { GitHub } from "./client.js";
export type CommentOutcome = {
    action: "created" | "updated" | "unchanged";
    url: string;
} | {
    action: "skipped";
    reason: string;
};
export interface CommentRequest {
    issueNumber: number;
    /** The whole body; it must contain the marker. */
    body: string;
    /** A hidden HTML comment that identifies Blastgate's comment among the others. */
    marker: string;
    /** False: only update an existing comment (a pull request with nothing to report gets no new comment). */
    create: boolean;
}
/** Blastgate's earlier comment on a pull request (undefined: none), or why the comments could not be read. */
export type EarlierComment = {
    comment: {
        id: number;
        body?: string | null;
        html_url: string;
    } | undefined;
} | {
    skipped: string;
};
/**
 * Finds Blastgate's comment among a pull request's comments. Only comments written by a bot (the
 * workflow token is github-actions[bot]) count: a person who pastes the marker into their own comment
 * must not get Blastgate's verdict shown under their name, where they could edit it. Never throws.
 */
export declare function findComment(gh: GitHub, repo: Repo, issueNumber: number, marker: string): Promise<EarlierComment>;
/**
 * One comment per pull request, created once and then edited in place. `earlier` is what
 * `findComment` found, when the caller looked while the check ran; otherwise it is looked up here.
 * Never throws: a comment that cannot be written is reported as skipped, with the reason.
 */
export declare function upsertComment(gh: GitHub, repo: Repo, req: CommentRequest, earlier?: Promise<EarlierComment>): Promise<CommentOutcome>;
