import type { CommitHistory, PullCommit, PushEvent } from "../governance/authorship.js";
import type { Repo } from "./changes.js";
import type { GitHub } from "./client.js";
import { explainApiError } from "./errors.js";

/** GitHub lists at most this many commits of a pull request. */
export const MAX_PULL_COMMITS = 250;
/** Files of one commit on the first page (GitHub pages them; a commit with more is not judged from a part). */
const COMMIT_FILES_PAGE = 300;

/**
 * Who wrote a pull request: its commits (GET /repos/{o}/{r}/pulls/{n}/commits), the pushes to its
 * head branch in the head repository's activity (GET /repos/{o}/{r}/activity), and a commit's
 * files (GET /repos/{o}/{r}/commits/{sha}) when one of its writers signs the pull request off.
 */
export class GitHubCommitHistory implements CommitHistory {
  constructor(
    private readonly gh: GitHub,
    private readonly repo: Repo,
    private readonly pull: { number: number; headRepo: Repo | undefined; headRef: string | undefined; commits: number | undefined },
  ) {}

  async read(): Promise<{ commits: PullCommit[]; pushes: PushEvent[] }> {
    let raw;
    try {
      raw = await this.gh.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/commits", { ...this.repo, pull_number: this.pull.number, per_page: 100 });
    } catch (e) {
      throw new Error(explainApiError(e, { doing: "list the pull request's commits", permission: "pull-requests: read" }), { cause: e });
    }
    if (raw.length >= MAX_PULL_COMMITS && (this.pull.commits === undefined || this.pull.commits > raw.length)) {
      throw new Error(`the pull request has more than the ${MAX_PULL_COMMITS} commits GitHub lists, so who wrote each cannot be told`);
    }
    const commits = raw.map((c) => ({ sha: c.sha, author: c.author?.login ?? null, committer: c.committer?.login ?? null }));
    if (!this.pull.headRepo || !this.pull.headRef) throw new Error("the pull request's head repository is gone, so who pushed its commits cannot be read");
    let activity;
    try {
      activity = await this.gh.paginate("GET /repos/{owner}/{repo}/activity", { ...this.pull.headRepo, ref: `refs/heads/${this.pull.headRef}`, per_page: 100 });
    } catch (e) {
      throw new Error(explainApiError(e, { doing: `list the pushes to ${this.pull.headRepo.owner}/${this.pull.headRepo.repo}'s branch ${this.pull.headRef}`, permission: "contents: read" }), { cause: e });
    }
    const pushes = activity.map((a) => ({ before: a.before, after: a.after, actor: a.actor?.login ?? null }));
    return { commits, pushes };
  }

  async files(sha: string): Promise<string[]> {
    try {
      const { data } = await this.gh.request("GET /repos/{owner}/{repo}/commits/{ref}", { ...this.repo, ref: sha, per_page: COMMIT_FILES_PAGE });
      const files = data.files ?? [];
      if (files.length >= COMMIT_FILES_PAGE) throw new Error(`commit ${sha.slice(0, 7)} changes ${COMMIT_FILES_PAGE} files or more, so whether it changes a judged file cannot be told`);
      return files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]));
    } catch (e) {
      if (e instanceof Error && !("status" in e)) throw e;
      throw new Error(explainApiError(e, { doing: `read the files of commit ${sha.slice(0, 7)}`, permission: "contents: read" }), { cause: e });
    }
  }
}
