import type { Repo } from "./changes.js";
import type { GitHub } from "./client.js";
import { apiMessage, explainApiError, statusOf } from "./errors.js";

export type CommentOutcome = { action: "created" | "updated" | "unchanged"; url: string } | { action: "skipped"; reason: string };

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
export type EarlierComment = { comment: { id: number; body?: string | null; html_url: string } | undefined } | { skipped: string };

/**
 * Finds Blastgate's comment among a pull request's comments. Only comments written by a bot (the
 * workflow token is github-actions[bot]) count: a person who pastes the marker into their own comment
 * must not get Blastgate's verdict shown under their name, where they could edit it. Never throws.
 */
export async function findComment(gh: GitHub, repo: Repo, issueNumber: number, marker: string): Promise<EarlierComment> {
  try {
    const comments = await gh.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: issueNumber, per_page: 100 });
    return { comment: comments.find((c) => c.user?.type === "Bot" && (c.body ?? "").includes(marker)) };
  } catch (e) {
    return { skipped: explainApiError(e, { doing: "list the pull request's comments", permission: "pull-requests: write" }) };
  }
}

/**
 * One comment per pull request, created once and then edited in place. `earlier` is what
 * `findComment` found, when the caller looked while the check ran; otherwise it is looked up here.
 * Never throws: a comment that cannot be written is reported as skipped, with the reason.
 */
export async function upsertComment(gh: GitHub, repo: Repo, req: CommentRequest, earlier?: Promise<EarlierComment>): Promise<CommentOutcome> {
  if (!req.body.includes(req.marker)) throw new Error("comment body lacks its marker");
  const found = await (earlier ?? findComment(gh, repo, req.issueNumber, req.marker));
  if ("skipped" in found) return { action: "skipped", reason: found.skipped };
  const existing = found.comment;
  try {
    if (existing) {
      if (existing.body === req.body) return { action: "unchanged", url: existing.html_url };
      const { data } = await gh.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", { ...repo, comment_id: existing.id, body: req.body });
      return { action: "updated", url: data.html_url };
    }
    if (!req.create) return { action: "skipped", reason: "nothing to report and no earlier Blastgate comment to update" };
    const { data } = await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: req.issueNumber, body: req.body });
    return { action: "created", url: data.html_url };
  } catch (e) {
    if (statusOf(e) === 403) {
      return { action: "skipped", reason: `the token cannot write to this pull request (403 ${apiMessage(e)}): pull requests from forks get a read-only token; elsewhere grant the job 'permissions: pull-requests: write'` };
    }
    return { action: "skipped", reason: explainApiError(e, { doing: "write the pull request comment", permission: "pull-requests: write" }) };
  }
}
